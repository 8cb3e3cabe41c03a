/** What the header shows about the face store, as a pure reducer over events. */
import type { BackendKind } from '../core/store/backend.js';
import type { ErrorInfo } from './lib/errors.js';

export interface StoreStatus {
  readonly phase: 'waiting' | 'opening' | 'open' | 'failed';
  readonly kind: BackendKind | null;
  readonly uri: string | null;
  readonly people: number | null;
  readonly templates: number | null;
  readonly corrupt: number;
  readonly mismatched: number;
  readonly bytes: number | null;
  readonly error: ErrorInfo | null;
}

export type StoreEvent =
  | { readonly type: 'opening' }
  | { readonly type: 'opened'; readonly kind: BackendKind; readonly uri: string }
  | {
      readonly type: 'stats';
      readonly people: number;
      readonly templates: number;
      readonly corrupt: number;
      readonly mismatched: number;
      readonly bytes: number | null;
    }
  | { readonly type: 'failed'; readonly error: ErrorInfo };

export const initialStoreStatus: StoreStatus = {
  phase: 'waiting',
  kind: null,
  uri: null,
  people: null,
  templates: null,
  corrupt: 0,
  mismatched: 0,
  bytes: null,
  error: null,
};

export const storeReducer = (state: StoreStatus, event: StoreEvent): StoreStatus => {
  switch (event.type) {
    case 'opening':
      return { ...state, phase: 'opening', error: null };
    case 'opened':
      return { ...state, phase: 'open', kind: event.kind, uri: event.uri };
    case 'stats':
      return {
        ...state,
        people: event.people,
        templates: event.templates,
        corrupt: event.corrupt,
        mismatched: event.mismatched,
        bytes: event.bytes,
      };
    case 'failed':
      return { ...state, phase: 'failed', error: event.error };
  }
};
