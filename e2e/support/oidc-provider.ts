import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type JWK, type KoaContextWithOIDC } from "oidc-provider";

/** Claims the test provider asserts for a login (the dev login form accepts any password). */
export type TestAccount = { name: string; email?: string; email_verified?: boolean };

export type TestIdentityProvider = {
  /** http://127.0.0.1:<random free port>, the issuer identifier. */
  issuer: string;
  /** Registers the portal as a confidential client; once, before anyone signs in. */
  registerClient(client: { clientId: string; clientSecret: string; redirectUri: string }): void;
  stop(): Promise<void>;
};

/**
 * A real OpenID Connect provider (panva's oidc-provider) on loopback, for browser tests. It
 * listens at once, so the issuer is known before the portal's settings are written; the client
 * is registered afterwards, when the portal's redirect URI is known. It stops itself after
 * `lifetimeMs` even if a test forgets to.
 */
export async function startIdentityProvider(options: {
  accounts: Record<string, TestAccount>;
  lifetimeMs?: number;
}): Promise<TestIdentityProvider> {
  let handler: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;
  const server = createServer((request, response) => {
    if (handler) return handler(request, response);
    response.writeHead(503).end("The test identity provider has no client yet.");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const timer = setTimeout(() => void stop(), options.lifetimeMs ?? 5 * 60_000);
  timer.unref();

  const signingKey = {
    ...(generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }) as JWK),
    kid: "test-signing-key",
    use: "sig",
    alg: "RS256",
  };

  return {
    issuer,
    stop,
    registerClient({ clientId, clientSecret, redirectUri }) {
      if (handler) throw new Error("The test identity provider already has its client.");
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            grant_types: ["authorization_code"],
            response_types: ["code"],
            token_endpoint_auth_method: "client_secret_basic",
          },
        ],
        jwks: { keys: [signingKey] },
        cookies: { keys: [randomBytes(32).toString("hex")] },
        claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
        // Put the requested claims in the ID token too, as Entra ID and most providers do.
        conformIdTokenClaims: false,
        pkce: { required: () => true },
        // The dev login form: any login name, any password.
        features: { devInteractions: { enabled: true } },
        async findAccount(_ctx, accountId) {
          const account = options.accounts[accountId];
          if (!account) return undefined;
          return {
            accountId,
            claims: () => ({ sub: `subject-${accountId}`, email: accountId, email_verified: true, ...account }),
          };
        },
        // The portal is a first-party client: no consent page.
        async loadExistingGrant(ctx: KoaContextWithOIDC) {
          const { client, session, provider: op } = ctx.oidc;
          if (!client || !session?.accountId) return undefined;
          const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
          if (grantId) return op.Grant.find(grantId);
          const grant = new op.Grant({ clientId: client.clientId, accountId: session.accountId });
          grant.addOIDCScope("openid email profile");
          await grant.save();
          return grant;
        },
      });
      handler = provider.callback();
    },
  };
}
