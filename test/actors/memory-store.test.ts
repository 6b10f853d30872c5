// The memory store against the Store conformance suite; a restart is a new store over its snapshot.
import { memoryStore } from "../../src/actors/memory-store.ts";
import { runStoreCases } from "./store.case.ts";

runStoreCases("memoryStore", () => {
  let store = memoryStore();
  return {
    store,
    reopen() {
      store = memoryStore(store.snapshot());
      return store;
    },
  };
});
