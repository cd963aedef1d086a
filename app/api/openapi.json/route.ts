import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/openapi/document";

// Public: the description of the API holds no data.
export function GET() {
  return NextResponse.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
