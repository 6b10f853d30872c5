// Test helper: a throwaway CA, a server certificate for 127.0.0.1 and localhost, and a client certificate, made with
// the openssl command line in a temporary folder.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Certificates {
  readonly dir: string;
  readonly caFile: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
  /** A second CA that signed nothing here: trusting it alone must fail verification. */
  readonly otherCaFile: string;
}

const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

/** Makes the files (P-256 keys: quick to generate). */
export function makeCertificates(): Certificates {
  const dir = mkdtempSync(join(tmpdir(), "zeroclaw-certs-"));
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "ignore" });
  for (const ca of ["ca", "other-ca"]) {
    openssl("req", "-x509", ...ec, "-keyout", file(`${ca}.key`), "-out", file(`${ca}.crt`), "-days", "2",
      "-subj", `/CN=zeroclaw test ${ca}`);
  }
  writeFileSync(file("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  writeFileSync(file("client.ext"), "extendedKeyUsage=clientAuth\n");
  for (const [name, cn] of [["server", "localhost"], ["client", "zeroclaw"]] as const) {
    openssl("req", ...ec, "-keyout", file(`${name}.key`), "-out", file(`${name}.csr`), "-subj", `/CN=${cn}`);
    openssl("x509", "-req", "-in", file(`${name}.csr`), "-CA", file("ca.crt"), "-CAkey", file("ca.key"),
      "-CAcreateserial", "-out", file(`${name}.crt`), "-days", "2", "-extfile", file(`${name}.ext`));
  }
  return { dir, caFile: file("ca.crt"), serverCert: file("server.crt"), serverKey: file("server.key"),
    clientCert: file("client.crt"), clientKey: file("client.key"), otherCaFile: file("other-ca.crt") };
}
