// Next.js calls register() once per server process before it serves requests.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First: the client's address is taken from the socket, not from what the caller says.
  const [{ installClientAddressStamp }, { getEnv }] = await Promise.all([import("./lib/http/client-address"), import("./lib/env")]);
  installClientAddressStamp(getEnv().TRUSTED_PROXY_HOPS);
  const { startPortal } = await import("./lib/startup");
  await startPortal();
}
