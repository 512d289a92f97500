import { z } from "zod";
import { validateWorkspaceName } from "@/lib/domain/workspaces";

/**
 * Input schemas shared by the server actions, so every action refuses the same bad names the
 * same way (before anything reaches an S3 key or a DynamoDB item).
 */

/** Backend names as lib/config's Statehouse config file allows them. */
export const backendNameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "not a backend name");

/** The tools' workspace naming rule (lib/backend/keys.ts). */
export const workspaceNameSchema = z
  .string()
  .max(1024)
  .refine((name) => {
    try {
      validateWorkspaceName(name);
      return true;
    } catch {
      return false;
    }
  }, "not a valid workspace name: use only letters, digits and -_.~$&+:=@");

/** An S3 version ID: AWS ones may hold + / = (base64); "null" is the object written while versioning was off. */
export const versionIdSchema = z.string().regex(/^[A-Za-z0-9._+/=-]{1,1024}$/, "not an S3 version ID");
