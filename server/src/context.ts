import type { Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TifaService } from './service';
import type { Analysis } from './core/analyzer';

/** What a feature module gets to register its LSP handlers. */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: TifaService;
  /** the (cached) analysis of an open document's current version */
  analysisOf(doc: TextDocument): Promise<Analysis>;
  /** re-check every open document now */
  revalidateAll(): void;
}

/**
 * A feature module: `register` is called once, before `initialize`, wires its handlers and returns
 * the capabilities it provides (merged into the server's).
 */
export type FeatureModule = (ctx: ServerContext) => Partial<ServerCapabilities>;
