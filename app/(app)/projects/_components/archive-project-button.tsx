"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { setProjectArchivedAction } from "@/lib/projects/actions";

/** Archives or restores a project; nothing is ever deleted, so restoring brings everything back. */
export function ArchiveProjectButton({ id, archived }: { id: string; archived: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle() {
    setBusy(true);
    setError(null);
    const result = await setProjectArchivedAction({ id, archived: !archived });
    setBusy(false);
    if (!result.ok) setError(result.message);
    else router.refresh();
  }

  return (
    <span className="inline-flex flex-col items-end">
      <Button type="button" variant="secondary" busy={busy} onClick={toggle}>
        {archived ? "Restore" : "Archive"}
      </Button>
      {error && (
        <span role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
          {error}
        </span>
      )}
    </span>
  );
}
