// What the team's scripts use of the File System Access API (WICG), which Chromium-based
// browsers have and TypeScript's DOM library does not yet: choosing a file to save to and
// opening one, and asking again for leave to write to a handle kept from an earlier visit.
interface FilePickerOptions {
  suggestedName?: string;
  types?: { description?: string; accept: Record<string, string[]> }[];
}

interface Window {
  showSaveFilePicker?(options?: FilePickerOptions): Promise<FileSystemFileHandle>;
  showOpenFilePicker?(options?: FilePickerOptions): Promise<FileSystemFileHandle[]>;
}

interface FileSystemHandle {
  queryPermission?(descriptor: { mode: "read" | "readwrite" }): Promise<PermissionState>;
  requestPermission?(descriptor: { mode: "read" | "readwrite" }): Promise<PermissionState>;
}
