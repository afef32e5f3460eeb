/** Serve apps/demo/dist on localhost with COOP/COEP headers; resolves to its URL and a close function. */
export function serve(port?: number, host?: string): Promise<{ url: string; close: () => void }>;
