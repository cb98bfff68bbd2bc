/**
 * Which Unix user opened a loopback connection (Linux): /proc/net/tcp lists every IPv4 TCP socket
 * of this network namespace with the uid of its owner, and the client's socket is the one whose
 * local end is the connection's remote end. Null where that cannot be told (another OS, another
 * network namespace, /proc unreadable); the caller then relies on its other checks.
 */
import { readFile } from 'node:fs/promises';

const LOOPBACK_HEX = '0100007F';

function endpoint(port: number): string {
  return `${LOOPBACK_HEX}:${port.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Finds the uid in /proc/net/tcp's text (exported for tests with a captured table). */
export function uidFromProcNetTcp(table: string, serverPort: number, clientPort: number): number | null {
  const client = endpoint(clientPort);
  const server = endpoint(serverPort);
  for (const line of table.split('\n').slice(1)) {
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10) continue;
    // 01: ESTABLISHED (a closed socket lingering in TIME_WAIT with the same ports has uid 0).
    if (fields[1] === client && fields[2] === server && fields[3] === '01') {
      const uid = Number(fields[7]);
      return Number.isInteger(uid) ? uid : null;
    }
  }
  return null;
}

export async function loopbackPeerUid(serverPort: number, clientPort: number): Promise<number | null> {
  if (process.platform !== 'linux') return null;
  try {
    return uidFromProcNetTcp(await readFile('/proc/net/tcp', 'utf8'), serverPort, clientPort);
  } catch {
    return null;
  }
}
