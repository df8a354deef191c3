"""``rhconfig mcp``: an MCP server (stdio) that lists, describes, checks and runs the profiles of
a workflows dir, for AI agents.

:mod:`~rhconfig.mcpserver.tools` holds the tools' behaviour as plain data in and out,
:mod:`~rhconfig.mcpserver.definitions` their input schemas (from ``rhconfig schema --form
args``), and :mod:`~rhconfig.mcpserver.server` the wiring to the official ``mcp`` SDK, the only
module that imports it (an extra: ``pip install 'rhconfig[mcp]'``).
"""
