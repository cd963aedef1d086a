import { ClerkProvider } from "@clerk/nextjs";
import type { ReactNode } from "react";
import { authProvider } from "./mode";

export function AuthProvider({ children }: { children: ReactNode }) {
  if (authProvider() === "clerk") return <ClerkProvider>{children}</ClerkProvider>;
  return <>{children}</>;
}
