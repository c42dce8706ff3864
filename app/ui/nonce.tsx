// The CSP nonce of the response being rendered. Browsers hide nonce attributes from the DOM, so the
// client renders an empty one; React does not compare nonces when hydrating.
import { createContext, useContext } from "react";

const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
