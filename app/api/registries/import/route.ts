import { decodeUtf8, readBodyBytes } from "@/lib/api/parse";
import { route } from "@/lib/api/route";
import { importConfig } from "@/lib/api/operations/registries";
import { AppError } from "@/lib/errors";
import { errorResponse, json } from "@/lib/api/respond";
import { CONFIG_FILE_MAX_BYTES, ConfigFileError } from "@/lib/registries/config-file";
import { importRegistries } from "@/lib/registries/transfer";

const YAML_TYPES = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"];

/** The body is the config.yaml itself. Problems come back as `error.issues`, each with its line. */
export const POST = route(importConfig, async ({ principal, request, audit }) => {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!YAML_TYPES.includes(type)) {
    return errorResponse("VALIDATION_FAILED", "Send the config.yaml as the body with Content-Type: application/yaml.");
  }
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `The file must be at most ${CONFIG_FILE_MAX_BYTES / 1024} KiB.`);
  const text = decodeUtf8(await readBodyBytes(request, CONFIG_FILE_MAX_BYTES, tooLarge));
  try {
    return json({ summary: await importRegistries(principal, text, audit) });
  } catch (error) {
    if (!(error instanceof ConfigFileError)) throw error;
    const { code, message, field, issues } = error;
    return json({ error: { code, message, ...(field ? { field } : {}), issues } }, error.status);
  }
});
