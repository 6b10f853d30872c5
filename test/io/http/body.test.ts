import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  acceptWebhookBody,
  declaredTooLarge,
  isJsonContentType,
  parseJsonText,
  readBody,
} from "../../../src/io/http/body.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("isJsonContentType()", () => {
  test("isJsonContentType() accepts application/json and application/*+json, any case, with parameters", () => {
    for (
      const type of [
        "application/json",
        "Application/JSON; charset=utf-8",
        "application/vnd.api+json",
        " application/problem+json ;x=y",
      ]
    ) {
      assert.equal(isJsonContentType(type), true, type);
    }
  });

  test("isJsonContentType() refuses other types and a missing header", () => {
    for (
      const type of [
        null,
        "",
        "text/plain",
        "application/x-www-form-urlencoded",
        "text/json",
        "application/+json",
        "application/jsonx",
        "application/a/b+json",
      ]
    ) {
      assert.equal(isJsonContentType(type), false, String(type));
    }
  });
});

describe("acceptWebhookBody()", () => {
  test("acceptWebhookBody() accepts an empty body with or without a content type, as the empty payload", () => {
    assert.equal(acceptWebhookBody(new Uint8Array(0), null), "");
    assert.equal(acceptWebhookBody(new Uint8Array(0), "text/plain"), "");
  });

  test("acceptWebhookBody() accepts any JSON value and keeps the raw text (D10)", () => {
    for (const text of ['{"a": 1}', "[1,2]", '"s"', "3.5", "true", "false", "null", ' {"message":"x"} ']) {
      assert.equal(acceptWebhookBody(bytes(text), "application/json"), text);
    }
  });

  test("acceptWebhookBody() refuses a non-empty body without a JSON content type", () => {
    assert.equal(acceptWebhookBody(bytes("{}"), null), undefined);
    assert.equal(acceptWebhookBody(bytes("{}"), "text/plain"), undefined);
  });

  test("acceptWebhookBody() refuses invalid JSON, lenient JSON, whitespace only, a BOM and invalid UTF-8", () => {
    for (
      const body of [
        bytes("{"),
        bytes("{'a':1}"),
        bytes("  "),
        bytes("1e400"),
        bytes('"\\ud800"'),
        bytes("\ufeff{}"),
        new Uint8Array([0x22, 0xff, 0x22]),
      ]
    ) {
      assert.equal(acceptWebhookBody(body, "application/json"), undefined);
    }
  });
});

test("parseJsonText() gives the text and the value", () => {
  assert.deepEqual(parseJsonText(bytes('{"a":[1]}')), { text: '{"a":[1]}', value: { a: [1] } });
  assert.equal(parseJsonText(bytes("nope")), undefined);
});

test("declaredTooLarge() compares a numeric Content-Length with the limit", () => {
  assert.equal(declaredTooLarge(new Headers({ "content-length": "11" }), 10), true);
  assert.equal(declaredTooLarge(new Headers({ "content-length": "10" }), 10), false);
  assert.equal(declaredTooLarge(new Headers(), 10), false);
});

describe("readBody()", () => {
  const streamOf = (...chunks: string[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(bytes(chunk));
        controller.close();
      },
    });
  const post = (body: ReadableStream<Uint8Array> | null) =>
    new Request("http://x/", { method: "POST", body, ...(body === null ? {} : { duplex: "half" }) } as RequestInit);

  test("readBody() joins the chunks of a body within the limit", async () => {
    assert.deepEqual(new Uint8Array(await readBody(post(streamOf("ab", "cd", "e")), 5) ?? []), bytes("abcde"));
    assert.deepEqual(await readBody(post(null), 5), new Uint8Array(0));
  });

  test("readBody() gives up once more than the limit arrives", async () => {
    assert.equal(await readBody(post(streamOf("abc", "def")), 5), undefined);
  });
});
