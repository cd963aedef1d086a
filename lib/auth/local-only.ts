import { AppError } from "@/lib/errors";
import { authProvider } from "./mode";

/** Local accounts (sign-in, members) do not exist when Clerk is the provider. */
export function assertLocalAuth(): void {
  if (authProvider() !== "local") throw new AppError("NOT_FOUND", "Accounts and members are managed by Clerk on this installation.");
}
