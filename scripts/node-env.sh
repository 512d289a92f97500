# Sourced (never run) by every script: puts the project's Node 24 first on PATH when scripts/setup.sh
# installed it into .node/ (the machine's node was older), so node, npm and npx all run on it. Sets PATH only.
_statehouse_node_bin="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.node/node_modules/.bin"
if [ -x "$_statehouse_node_bin/node" ]; then
  case ":$PATH:" in
    *":$_statehouse_node_bin:"*) ;;
    *) export PATH="$_statehouse_node_bin:$PATH" ;;
  esac
fi
unset _statehouse_node_bin
