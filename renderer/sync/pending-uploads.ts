/**
 * Files an agent attached to a reply or note that the server does not have yet: kept on this
 * device (Cache Storage) under the id the console chose, so a reply written offline names them
 * and they are uploaded, before the reply is pushed, once the server is reachable. Where Cache
 * Storage is missing (an insecure origin) they are kept in memory, for this session only.
 */
export type PendingUpload = { id: string; ticketNumber: number; filename: string; blob: Blob };

export type PendingUploads = {
  add(upload: PendingUpload): Promise<void>;
  get(id: string): Promise<PendingUpload | null>;
  remove(id: string): Promise<void>;
};

const CACHE_NAME = 'tierdesk-uploads';

export function pendingUploads(namespace: string): PendingUploads {
  const key = (id: string) => `${namespace.replace(/\/+$/, '')}/__uploads/${id}`;
  const memory = new Map<string, PendingUpload>();
  const cache = () => (typeof caches === 'undefined' ? Promise.resolve(null) : caches.open(CACHE_NAME).catch(() => null));
  return {
    async add(upload) {
      const store = await cache();
      if (!store) return void memory.set(upload.id, upload);
      await store.put(key(upload.id), new Response(upload.blob, { headers: { 'x-ticket-number': String(upload.ticketNumber), 'x-filename': encodeURIComponent(upload.filename) } }));
    },
    async get(id) {
      const store = await cache();
      if (!store) return memory.get(id) ?? null;
      const found = await store.match(key(id));
      if (!found) return null;
      return { id, ticketNumber: Number(found.headers.get('x-ticket-number')), filename: decodeURIComponent(found.headers.get('x-filename') ?? 'file'), blob: await found.blob() };
    },
    async remove(id) {
      memory.delete(id);
      await (await cache())?.delete(key(id));
    },
  };
}

/**
 * Uploads the pending files among `ids` (POST /api/tickets/:number/attachments?id=), removing
 * each once the server has it. 'retry': the server could not be reached, or asked to wait; the
 * reply that names them must wait too. A refusal (the ticket is gone, the file too large) drops
 * the file: the server then refuses the reply with its reason, which the agent sees.
 */
export async function uploadPending(serverUrl: string, token: string, uploads: PendingUploads, ids: readonly string[]): Promise<'done' | 'retry'> {
  for (const id of ids) {
    const upload = await uploads.get(id);
    if (!upload) continue;
    const form = new FormData();
    form.append('file', upload.blob, upload.filename);
    let status: number;
    try {
      const response = await fetch(`${serverUrl.replace(/\/+$/, '')}/api/tickets/${upload.ticketNumber}/attachments?id=${encodeURIComponent(id)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
        signal: AbortSignal.timeout(120_000),
      });
      status = response.status;
    } catch {
      return 'retry';
    }
    if (status === 429 || status >= 500) return 'retry';
    await uploads.remove(id);
  }
  return 'done';
}
