/**
 * SAML exchanges: each AuthnRequest with the response that answers it (InResponseTo = the
 * request's ID), and each response nobody in the capture asked for (IdP-initiated, or answering a
 * request made before the capture started).
 */
import type { CapturedMessage } from './digest';
import { summariseMessage, type MessageSummary } from './saml-message';

export interface ReadMessage {
  message: CapturedMessage;
  summary: MessageSummary;
}

export interface SamlExchange {
  request: ReadMessage | null;
  response: ReadMessage | null;
  /** The same response posted again (e.g. by a second window): how many more times. */
  repeats: number;
}

export interface UnreadableMessage {
  message: CapturedMessage;
  problem: string;
}

export interface PairedMessages {
  exchanges: SamlExchange[];
  unreadable: UnreadableMessage[];
  /** Logout and other SAML messages: seen, not judged. */
  others: ReadMessage[];
}

export function pairExchanges(messages: readonly CapturedMessage[]): PairedMessages {
  const exchanges: SamlExchange[] = [];
  const unreadable: UnreadableMessage[] = [];
  const others: ReadMessage[] = [];
  const byRequestId = new Map<string, SamlExchange>();
  const seenXml = new Map<string, SamlExchange>();
  const ordered = [...messages].sort((a, b) => a.entry - b.entry);
  for (const message of ordered) {
    if (message.xml === null) {
      unreadable.push({ message, problem: message.problem ?? 'The message could not be decoded.' });
      continue;
    }
    const again = seenXml.get(message.xml);
    if (again) {
      again.repeats++;
      continue;
    }
    const read = summariseMessage(message.xml);
    if (!read.ok) {
      unreadable.push({ message, problem: read.problem });
      continue;
    }
    const item: ReadMessage = { message, summary: read.summary };
    if (read.summary.kind === 'authn-request') {
      const exchange: SamlExchange = { request: item, response: null, repeats: 0 };
      exchanges.push(exchange);
      if (read.summary.id) byRequestId.set(read.summary.id, exchange);
      seenXml.set(message.xml, exchange);
    } else if (read.summary.kind === 'response') {
      const asked = read.summary.inResponseTo ? byRequestId.get(read.summary.inResponseTo) : undefined;
      let exchange: SamlExchange;
      if (asked && !asked.response) {
        asked.response = item;
        exchange = asked;
      } else {
        exchange = { request: null, response: item, repeats: 0 };
        exchanges.push(exchange);
      }
      seenXml.set(message.xml, exchange);
    } else {
      others.push(item);
    }
  }
  return { exchanges, unreadable, others };
}

/** The entry an exchange is placed at on the timeline. */
export function exchangeEntry(exchange: SamlExchange): number {
  return (exchange.request ?? exchange.response)!.message.entry;
}
