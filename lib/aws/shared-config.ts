import "server-only";
/**
 * The region of a profile in the shared config file, for the s3 backend's fallback
 * "region option, else AWS_REGION/AWS_DEFAULT_REGION, else the profile's region".
 * The SDK's own region chain only knows AWS_PROFILE, not a profile chosen in the backend block.
 */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

type Env = Record<string, string | undefined>;

export function sharedConfigFiles(files: string[] | undefined, env: Env): string[] {
  if (files && files.length > 0) return files.map((f) => expandHome(f, env));
  return [env.AWS_CONFIG_FILE ? expandHome(env.AWS_CONFIG_FILE, env) : path.join(env.HOME ?? homedir(), ".aws", "config")];
}

function expandHome(file: string, env: Env): string {
  return file === "~" || file.startsWith("~/") ? path.join(env.HOME ?? homedir(), file.slice(1)) : file;
}

/** `region` of `[profile NAME]` (or `[default]`) in the given INI files; later files win. */
export function profileRegion(profile: string, files: string[]): string | undefined {
  const wanted = profile === "default" ? new Set(["default", "profile default"]) : new Set([`profile ${profile}`]);
  let region: string | undefined;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue; // a missing shared config file is normal
    }
    let inProfile = false;
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.replace(/\s[#;].*$/, "").trim();
      if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
      const section = /^\[\s*(.+?)\s*\]$/.exec(line);
      if (section) {
        inProfile = wanted.has(section[1]!.replace(/\s+/g, " "));
        continue;
      }
      const kv = /^region\s*=\s*(.+)$/.exec(line);
      if (inProfile && kv) region = kv[1]!.trim();
    }
  }
  return region;
}
