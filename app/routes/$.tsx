// Any address no other route answers: a 404, shown by the root ErrorBoundary in French.

export function loader() {
  throw new Response(null, { status: 404, statusText: "Page introuvable" });
}

// Never rendered (the loader always throws), but a default export makes this a page route rather
// than a resource route, so that the 404 renders the error page instead of an empty response.
export default function NotFound() {
  return null;
}
