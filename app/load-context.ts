// What server.js passes to every loader and action besides the request.
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's IP address, for rate limits. */
    clientAddress: string;
    /** This response's Content-Security-Policy nonce, for the inline scripts Remix renders. */
    cspNonce: string;
  }
}

export {};
