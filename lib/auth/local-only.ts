import { AppError } from "@/lib/errors";
import { authProvider } from "./mode";

/** Local sign-in routes do not exist when Clerk is the provider. */
export function assertLocalAuth(): void {
  if (authProvider() !== "local") throw new AppError("NOT_FOUND", "Sign-in is handled by Clerk on this installation.");
}
