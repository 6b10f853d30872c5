// The zeroclaw version: `zeroclaw --version`, and what MCP clients are told.

/** The release this build is. */
export const version = "0.1.0";
