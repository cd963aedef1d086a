import { NextResponse, type NextRequest } from "next/server";
import { keysmithRegistryDocument, publicOrigin } from "@/lib/registries/well-known";

// Public and cacheable: registry clients read it before they have any credentials.
export function GET(request: NextRequest) {
  return NextResponse.json(keysmithRegistryDocument(publicOrigin(request.nextUrl.origin)), {
    headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
