import type { Connection, InitializeParams, ServerCapabilities, TextDocuments, FileEvent } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TifaService } from './service';
import type { Analysis } from './core/analyzer';

/**
 * What a feature module gets to register its LSP handlers.
 * The connection accepts ONE handler per notification, so modules must not call
 * connection.onInitialized / onDidChangeConfiguration / onDidChangeWatchedFiles themselves:
 * they subscribe through the hooks below, which server.ts dispatches.
 */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: TifaService;
  /** the (cached) analysis of an open document's current version */
  analysisOf(doc: TextDocument): Promise<Analysis>;
  /** re-check every open document now */
  revalidateAll(): void;
  /** the initialize request's parameters (after initialize) */
  initParams(): InitializeParams | undefined;
  /** workspace folders as file system paths */
  workspaceFolders(): string[];
  /** after `initialized`, once settings have been read */
  onReady(cb: () => void | Promise<void>): void;
  /** after settings changed and were re-read */
  onSettingsChanged(cb: () => void | Promise<void>): void;
  /** files changed on disk: those the client watches (glossaries, corpus files), and `.tifa/` files the server's own watch saw change */
  onWatchedFilesChanged(cb: (changes: FileEvent[]) => void | Promise<void>): void;
  /** a command the server executes (workspace/executeCommand); call before initialize */
  registerCommand(id: string, handler: (args: unknown[]) => unknown): void;
  /** milliseconds since the user last did something with a document (an edit, a hover, any request on it) */
  idleFor(): number;
}

/**
 * A feature module: `register` is called once, before `initialize`, wires its handlers and returns
 * the capabilities it provides (merged into the server's).
 */
export type FeatureModule = (ctx: ServerContext) => Partial<ServerCapabilities>;
