"use client";

import { useSyncExternalStore } from "react";

const QUERY = "(prefers-color-scheme: dark)";

function subscribe(onChange: () => void) {
  const media = window.matchMedia(QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

/** Axis, grid and background colours for the colour scheme in force (the app's dark mode follows the system's). */
export function useChartTheme() {
  const dark = useSyncExternalStore(subscribe, () => window.matchMedia(QUERY).matches, () => false);
  return dark
    ? { dark, text: "#cbd5e1", muted: "#94a3b8", grid: "rgba(148, 163, 184, 0.18)", background: "#0f172a" }
    : { dark, text: "#334155", muted: "#64748b", grid: "rgba(148, 163, 184, 0.3)", background: "#ffffff" };
}
