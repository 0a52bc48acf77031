/* Kunskapsbank: the one module that touches the browser's storage for the team's data.
 *
 * localStorage holds the team's data and this browser's backup record; IndexedDB holds the
 * handle of the file the team's data is also saved to (the File System Access API's handles
 * can be kept there, not in localStorage). Nothing here swallows an error: storage that is
 * blocked (a SecurityError), full (a QuotaExceededError) or holds what is not JSON throws to
 * the caller (kb-team.js), which keeps the data in memory and says so where the person acted.
 */

import { root } from "./kb-common.js";

/** Every entry is the site root's path, a dot and a name, holding JSON: the keys Material's
 * own __md_get and __md_set used when the site stored through them, so what a team stored
 * then is found now (and `/.kb-team` stays one site's, beside other sites on the host). */
const scoped = (/** @type {string} */ name) => `${root.pathname}.${name}`;

export const storage = {
  /** The stored value of `name`, or null; blocked storage throws a SecurityError, an entry
   * that is not JSON a SyntaxError.
   * @param {string} name
   * @returns {unknown} */
  get(name) {
    const stored = localStorage.getItem(scoped(name));
    return stored === null ? null : JSON.parse(stored);
  },

  /** Store `value` as JSON; full or blocked storage throws.
   * @param {string} name
   * @param {unknown} value */
  set(name, value) {
    localStorage.setItem(scoped(name), JSON.stringify(value));
  },

  /** @param {string} name */
  remove(name) {
    localStorage.removeItem(scoped(name));
  },

  /** The names of this site's entries that start with `prefix`.
   * @param {string} prefix */
  names(prefix) {
    const start = scoped(prefix);
    return Object.keys(localStorage).filter(key => key.startsWith(start))
      .map(key => key.slice(scoped("").length));
  },
};

/* ---------- the team's file handle, in IndexedDB ---------- */

const DATABASE = scoped("kb-team-fil");
const HANDLES = "handles";
const TEAM_FILE = "team";

/** The site's database, opened for one transaction.
 * @returns {Promise<IDBDatabase>} */
function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(HANDLES);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** One request in a transaction on the handles, answered when the transaction ends.
 * @param {IDBTransactionMode} mode
 * @param {(store: IDBObjectStore) => IDBRequest} act
 * @returns {Promise<unknown>} */
async function transact(mode, act) {
  const database = await open();
  try {
    return await new Promise((resolve, reject) => {
      const transaction = database.transaction(HANDLES, mode);
      const request = act(transaction.objectStore(HANDLES));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    database.close();
  }
}

/** The handle of the team's file this browser saves to, or null (none chosen, or no
 * IndexedDB, as where site data is blocked).
 * @returns {Promise<FileSystemFileHandle | null>} */
export async function fileHandle() {
  try {
    const found = await transact("readonly", store => store.get(TEAM_FILE));
    return found instanceof FileSystemFileHandle ? found : null;
  } catch {
    return null;
  }
}

/** Keep (or, given null, forget) the handle of the team's file; false if it could not be
 * kept, so that the page can say that a later visit will not find it.
 * @param {FileSystemFileHandle | null} handle
 * @returns {Promise<boolean>} */
export async function keepFileHandle(handle) {
  try {
    await transact("readwrite", store => (handle ? store.put(handle, TEAM_FILE)
                                                 : store.delete(TEAM_FILE)));
    return true;
  } catch {
    return false;
  }
}
