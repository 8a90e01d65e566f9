// Shared test setup. jsdom-only polyfills live in test/setup/dom.ts and are imported by component tests.
export {};
