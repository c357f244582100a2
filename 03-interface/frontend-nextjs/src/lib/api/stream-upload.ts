/**
 * Sending a request body upstream at the pace the upstream reads it. Node's fetch reads a streamed
 * body as fast as the browser sends it and queues what the socket cannot take yet, so a large
 * upload to a slower API would pile up in this server's memory; `stream.pipeline` into an
 * `http.request` waits for the socket to drain, keeping memory flat whatever the file size.
 */
import "server-only";

import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";

export function sendStreamed(
  url: string,
  method: string,
  headers: Headers,
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
): Promise<Response> {
  const target = new URL(url);
  const transport = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = transport.request(target, { method, headers: Object.fromEntries(headers), signal }, (incoming) => {
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (typeof value === "string") responseHeaders.set(name, value);
      }
      resolve(
        new Response(Readable.toWeb(incoming) as ReadableStream<Uint8Array>, {
          status: incoming.statusCode ?? 502,
          headers: responseHeaders,
        }),
      );
    });
    outgoing.on("error", reject);
    // An API that answers early (413, 415) closes the connection: the pipeline then fails after
    // the response has been resolved, which `reject` ignores.
    pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), outgoing).catch(reject);
  });
}
