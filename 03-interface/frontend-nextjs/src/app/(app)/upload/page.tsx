import type { Metadata } from "next";

import { UploadForm } from "@/components/upload/UploadForm";
import { maxUploadBytes } from "@/lib/config";

export const metadata: Metadata = { title: "Upload a recording" };

export default function UploadPage() {
  return (
    <>
      <h1>Upload a recording</h1>
      <UploadForm maxBytes={maxUploadBytes()} />
    </>
  );
}
