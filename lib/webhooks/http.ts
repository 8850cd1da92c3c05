import "server-only";
import { request as httpRequest, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { env } from "@/lib/env";
import { parseAllowlist, vetWebhookUrl, type VettedTarget } from "./ssrf";

/** Whole-request limit: connect, send and the response's head must fit in it. */
export const REQUEST_TIMEOUT_MS = 10_000;

export interface AttemptResult {
  /** The receiver's HTTP status, or null when no response came (refused target, DNS, network, timeout). */
  statusCode: number | null;
  /** Null on a 2xx; otherwise what the delivery log shows. */
  error: string | null;
}

/** Checks `url` against the SSRF rules with the allowlist from the environment. */
export function vetTarget(url: string): Promise<VettedTarget> {
  return vetWebhookUrl(url, parseAllowlist(env().TUNECOST_WEBHOOK_ALLOW_HOSTS));
}

/**
 * POSTs `body` to a vetted target. The socket connects to the vetted addresses only: the custom `lookup` answers
 * with them instead of asking DNS again, while the Host header and TLS server name stay the URL's host so
 * certificates are still checked against it. Redirects are not followed (a 3xx is a failure).
 */
export function postToTarget(target: VettedTarget, headers: Record<string, string>, body: string): Promise<AttemptResult> {
  const [first] = target.addresses;
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, target.addresses);
    else callback(null, first!.address, first!.family);
  };
  const options: RequestOptions = {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
      "user-agent": "tunecost-webhooks/1",
      ...headers,
    },
    lookup,
    agent: false, // no pooled socket from an earlier, differently vetted connection
  };
  const send = target.url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(target.url, options, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        resolve({ statusCode: status, error: null });
        res.resume(); // the body is not needed; the timer still bounds how long it may stream
        return;
      }
      let snippet = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        if (snippet.length < 200) snippet += chunk;
      });
      const fail = () => {
        const text = snippet.replace(/\s+/g, " ").trim().slice(0, 200);
        resolve({ statusCode: status, error: `HTTP ${status}${text ? `: ${text}` : ""}` });
      };
      res.on("end", fail);
      res.on("error", fail);
    });
    // Resolving twice is harmless, so the timer and the error handler need not know whether a response came.
    const timer = setTimeout(() => req.destroy(new Error(`No response within ${REQUEST_TIMEOUT_MS / 1000} s`)), REQUEST_TIMEOUT_MS);
    req.on("close", () => clearTimeout(timer));
    req.on("error", (e) => resolve({ statusCode: null, error: e.message }));
    req.end(body);
  });
}
