import { fetchGithubList } from "./github-api";

interface GithubEmail {
  email?: unknown;
  verified?: unknown;
}

/**
 * The sign-in email if GitHub has verified it, else null. next-auth's GitHub provider takes the
 * primary address without looking at `verified`, and GitHub lets an account keep an unverified
 * primary email: trusting it would let anyone pose as an address an `emails` role rule names.
 * When the list cannot be read the email is dropped (the user still matches by id and groups).
 */
export async function verifiedGithubEmail(accessToken: string, email: string | null | undefined, apiUrl = "https://api.github.com"): Promise<string | null> {
  if (!email) return null;
  try {
    const emails = await fetchGithubList<GithubEmail>(apiUrl, "/user/emails", accessToken);
    const wanted = email.toLowerCase();
    return emails.some((e) => e.verified === true && typeof e.email === "string" && e.email.toLowerCase() === wanted) ? email : null;
  } catch (err) {
    console.error("statehouse: GitHub emails could not be read; signing in without an email", err);
    return null;
  }
}
