/**
 * The e2e suite's OpenID Provider: `oidc-provider` (an OpenID Certified implementation) on loopback,
 * with the test users of testkit/sso.ts and their `groups` claim. Started by playwright.config.ts as a
 * web server: `node --import tsx e2e/support/oidc-idp.ts PORT STATEHOUSE_URL`.
 *
 * It is a *programmable* wrapper for the refusal tests, through /__control/ (loopback only, the tests'):
 * - POST /__control/tamper?kind=issuer|audience|expired|unknown-key|nonce: the next token response carries an ID
 *   token re-signed with that one fault (another `iss`, another `aud`, `exp` an hour ago, a key the provider never
 *   published under the published key's id, or another sign-in's `nonce`). Everything else in the flow is the real provider's.
 * - POST /__control/rotate: the signing key is replaced by a new one (the old is no longer published).
 * - POST /__control/groups?sub=SUB with a JSON list: that user's groups from now on.
 * - POST /__control/reset: users, key and tampering as at start. GET /__control/state: current kid, last ID token's kid.
 * The sign-in form is oidc-provider's development interaction (any password); consent is pre-granted.
 */
import { createPrivateKey, generateKeyPairSync, sign, type JsonWebKey } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { OIDC_CLIENT, OIDC_USERS, type OidcTestUser } from "../../testkit/sso";

const port = Number(process.argv[2]);
const statehouse = (process.argv[3] ?? "").replace(/\/$/, "");
// Further Statehouse addresses the client may come back to (the path-prefixed one behind nginx).
const statehouses = [statehouse, ...process.argv.slice(4).map((u) => u.replace(/\/$/, ""))];
if (!port || !statehouse) {
  console.error("usage: oidc-idp.ts PORT STATEHOUSE_URL [MORE_STATEHOUSE_URLS…]");
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;

type Tamper = "issuer" | "audience" | "expired" | "unknown-key" | "nonce";
const TAMPERS: readonly Tamper[] = ["issuer", "audience", "expired", "unknown-key", "nonce"];

interface SigningKey {
  kid: string;
  jwk: JsonWebKey;
}
let keyCount = 0;
function newKey(): SigningKey {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = `e2e-key-${++keyCount}`;
  return { kid, jwk: { ...privateKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" } };
}

let users: OidcTestUser[] = [];
let key: SigningKey = newKey();
let tamper: Tamper | null = null;
let lastKid: string | null = null;

function reset(): void {
  users = OIDC_USERS.map((u) => ({ ...u, groups: [...u.groups] }));
  tamper = null;
}
reset();

const b64url = (v: Buffer | string) => Buffer.from(v).toString("base64url");

/** An RS256 JWT of `payload`, signed with `jwk` under `kid`. */
function signJwt(payload: Record<string, unknown>, jwk: JsonWebKey, kid: string): string {
  const input = `${b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }))}.${b64url(JSON.stringify(payload))}`;
  const signature = sign("sha256", Buffer.from(input), createPrivateKey({ key: jwk, format: "jwk" }));
  return `${input}.${b64url(signature)}`;
}

/** The ID token with one fault; a token signed by the real key except for "unknown-key". */
function tampered(idToken: string, kind: Tamper): string {
  const payload = JSON.parse(Buffer.from(idToken.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
  const now = Math.floor(Date.now() / 1000);
  if (kind === "issuer") payload.iss = "https://idp.other-company.example/";
  if (kind === "audience") payload.aud = "some-other-application";
  if (kind === "expired") Object.assign(payload, { iat: now - 7200, exp: now - 3600, auth_time: now - 7200 });
  // A token minted for another sign-in (e.g. one an attacker started) carries that sign-in's nonce.
  if (kind === "nonce") payload.nonce = "nonce-of-another-sign-in";
  // A key nobody published, under the published key's id, as a forger would present it.
  const signer = kind === "unknown-key" ? newKey().jwk : key.jwk;
  return signJwt(payload, signer, key.kid);
}

function configuration(signing: SigningKey): Configuration {
  return {
    clients: [
      {
        client_id: OIDC_CLIENT.id,
        client_secret: OIDC_CLIENT.secret,
        redirect_uris: statehouses.map((s) => `${s}/api/auth/callback/oidc`),
        post_logout_redirect_uris: statehouses.map((s) => `${s}/signin`),
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [signing.jwk as never] },
    cookies: { keys: ["statehouse-e2e-idp-cookie-key"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "preferred_username"], groups: ["groups"] },
    scopes: ["openid", "email", "profile", "groups"],
    // The groups must be in the ID token itself (Statehouse reads no userinfo), as Okta and Keycloak can be told to.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx, id) {
      const user = users.find((u) => u.sub === id);
      if (!user) return undefined;
      return {
        accountId: user.sub,
        claims: () => {
          const common = { sub: user.sub, name: user.name, preferred_username: user.login, email: user.email, email_verified: user.emailVerified };
          // As Entra ID does past 200 groups: a distributed claim pointing at Microsoft Graph instead of the list.
          if (user.overage) {
            return { ...common, _claim_names: { groups: "src1" }, _claim_sources: { src1: { endpoint: `https://graph.microsoft.com/v1.0/users/${user.sub}/getMemberObjects` } } };
          }
          return { ...common, groups: [...user.groups] };
        },
      };
    },
    // Consent is taken as given for the one client: the tests sign in, they do not review scopes.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const client = ctx.oidc.client!;
      const session = ctx.oidc.session!;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) {
        const found = await ctx.oidc.provider.Grant.find(grantId);
        if (found) return found;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId! });
      grant.addOIDCScope("openid email profile groups");
      await grant.save();
      return grant;
    },
  };
}

function build(signing: SigningKey): Provider {
  const provider = new Provider(issuer, configuration(signing));
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path !== "/token" || ctx.status !== 200) return;
    const body = ctx.body as { id_token?: string } | undefined;
    if (!body?.id_token) return;
    if (tamper) {
      body.id_token = tampered(body.id_token, tamper);
      tamper = null;
    }
    lastKid = (JSON.parse(Buffer.from(body.id_token.split(".")[0]!, "base64url").toString("utf8")) as { kid?: string }).kid ?? null;
  });
  return provider;
}

let provider = build(key);
let handler = provider.callback();

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const what = url.pathname.slice("/__control/".length);
  if (req.method === "GET" && what === "state") return answer(res, 200, { kid: key.kid, lastKid, tamper });
  if (req.method !== "POST") return answer(res, 405, { error: "POST" });
  if (what === "reset") {
    reset();
    return answer(res, 200, { ok: true });
  }
  if (what === "tamper") {
    const kind = url.searchParams.get("kind") as Tamper;
    if (!TAMPERS.includes(kind)) return answer(res, 400, { error: `kind is one of ${TAMPERS.join(", ")}` });
    tamper = kind;
    return answer(res, 200, { ok: true, tamper });
  }
  if (what === "rotate") {
    const previous = key.kid;
    key = newKey();
    provider = build(key);
    handler = provider.callback();
    return answer(res, 200, { previous, kid: key.kid });
  }
  if (what === "groups") {
    const user = users.find((u) => u.sub === url.searchParams.get("sub"));
    const groups = JSON.parse((await readBody(req)) || "null") as unknown;
    if (!user || !Array.isArray(groups) || !groups.every((g) => typeof g === "string")) return answer(res, 400, { error: "sub of a user and a JSON list of groups" });
    user.groups = groups;
    return answer(res, 200, { ok: true, groups });
  }
  return answer(res, 404, { error: "unknown control" });
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", issuer);
  if (url.pathname.startsWith("/__control/")) {
    control(req, res, url).catch((err: unknown) => answer(res, 500, { error: String(err) }));
    return;
  }
  void handler(req, res);
});
server.listen(port, "127.0.0.1", () => console.error(`e2e OpenID Provider: ${issuer} (for ${statehouse})`));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
