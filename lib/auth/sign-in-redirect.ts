import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { REQUEST_PATH_HEADER, signInPath } from "./next-path";

/** Sends a signed-out viewer to sign in, and back to the page they asked for afterwards. */
export async function redirectToSignIn(): Promise<never> {
  redirect(signInPath((await headers()).get(REQUEST_PATH_HEADER)));
}
