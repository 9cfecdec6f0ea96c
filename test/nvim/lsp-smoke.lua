-- Neovim 0.7 LSP smoke test: a second, independent LSP client against the quadlet-ls server over stdio.
--
-- Run (normally through test/editor-tooling/lib/run-nvim.mjs, which adds isolated XDG dirs and a timeout):
--   QUADLET_LSP_CMD='["node","/path/to/server.js","--stdio"]' \
--     nvim --headless --clean -n -c 'luafile test/nvim/lsp-smoke.lua' -- FILE EXPECT_JSON [SERVER_CMD...]
-- FILE is opened and attached; the server command is SERVER_CMD... when given, else the JSON array in
-- $QUADLET_LSP_CMD. Exit code 0 = every check passed, 1 = a check failed, 124 = the watchdog fired.
-- (Neovim 0.7 has no `nvim -l` and no vim.lsp.start: arguments after `--` land in vim.fn.argv().)
--
-- EXPECT_JSON (every section optional; they run in this order, positions are 0-based LSP positions in the buffer
-- as it is at that step, i.e. after the code action was applied):
--   {
--     "timeoutMs": 10000,                                    -- per wait/request (default 10000)
--     "diagnostic": { "code": "unknown-key", "line": 4,      -- a published diagnostic with this code on this line
--                     "message": "Unknown key" },            --   optional: regex its message must match
--     "codeAction": { "title": "Change to 'Image'",          -- code action offered for that diagnostic, applied
--                     "lineMatches": "^Image=",              --   regex the line must match afterwards
--                     "line": 4,                             --   optional: which line (default: the diagnostic's)
--                     "diagnosticGone": true },              --   optional (default true): the diagnostic goes away
--     "hover": { "line": 4, "character": 1, "matches": "Container image" },
--     "completion": { "line": 6, "character": 0, "label": "PublishPort" },
--     "definition": { "line": 7, "character": 12,            -- go to definition from here lands in a file whose
--                     "target": "/app\\.network$",          --   path matches this regex,
--                     "targetLine": 3 }                      --   optional: on this line
--   }
-- Regexes are Vim regexes with the default 'magic' setting (see :help pattern): ^ $ . * [] \d \s work as in JS;
-- for alternation/groups/+/? write \| \( \) \+ \?. Each is tried on the whole text and on each line of it.

local t0 = vim.loop.hrtime()
local function ms() return math.floor((vim.loop.hrtime() - t0) / 1e6) end
local function out(s) io.stdout:write(s .. '\n'); io.stdout:flush() end

local passed, failed = 0, 0
local function check(cond, what)
  out(string.format('[%5d ms] %s %s', ms(), cond and 'ok  ' or 'FAIL', what))
  if cond then passed = passed + 1 else failed = failed + 1 end
  return cond
end
local function info(s) out('           ' .. s) end

local function finish(code)
  for _, c in pairs(vim.lsp.get_active_clients()) do pcall(c.stop, true) end
  out(string.format('nvim-smoke: %d passed, %d failed', passed, failed))
  vim.cmd(code == 0 and 'qall!' or ('cquit! ' .. code))
end

-- ---------------------------------------------------------------------------------------------------------------------
local function read_json(path)
  local f = assert(io.open(path, 'r'), 'cannot open expectations file ' .. tostring(path))
  local text = f:read('*a')
  f:close()
  return vim.fn.json_decode(text)
end

local function present(v) return v ~= nil and v ~= vim.NIL end

local function re_match(pattern, text)
  if type(text) ~= 'string' then return false end
  local ok, re = pcall(vim.regex, pattern)
  if not ok then error('invalid Vim regex ' .. vim.inspect(pattern) .. ': ' .. tostring(re)) end
  if re:match_str(text) then return true end
  for _, line in ipairs(vim.split(text, '\n', true)) do
    if re:match_str(line) then return true end
  end
  return false
end

local function short(s, n)
  s = tostring(s):gsub('\n', '\\n')
  n = n or 160
  return #s > n and (s:sub(1, n) .. '...') or s
end

local function hover_text(c)
  if not present(c) then return nil end
  if type(c) == 'string' then return c end
  if c.value then return c.value end                               -- MarkupContent or { language, value }
  if vim.tbl_islist(c) then
    local parts = {}
    for _, x in ipairs(c) do table.insert(parts, hover_text(x) or '') end
    return table.concat(parts, '\n')
  end
  return nil
end

local function overlaps(range, line)
  return range.start.line <= line and line <= range['end'].line
end

-- ---------------------------------------------------------------------------------------------------------------------
local function main()
  local file, expect_path = vim.fn.argv(0), vim.fn.argv(1)
  assert(file ~= '' and expect_path ~= '', 'usage: nvim ... -- FILE EXPECT_JSON [SERVER_CMD...]')
  local expect = read_json(expect_path)
  local timeout = present(expect.timeoutMs) and expect.timeoutMs or 10000

  local cmd = {}
  for i = 2, vim.fn.argc() - 1 do table.insert(cmd, vim.fn.argv(i)) end
  if #cmd == 0 then
    local env_cmd = os.getenv('QUADLET_LSP_CMD')
    assert(env_cmd and env_cmd ~= '', 'no server command: pass SERVER_CMD... after EXPECT_JSON or set QUADLET_LSP_CMD')
    cmd = vim.fn.json_decode(env_cmd)
  end
  info('server: ' .. table.concat(cmd, ' '))

  if not check(vim.fn.filereadable(file) == 1, 'file to open exists: ' .. file) then return end
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  local fname = vim.uri_to_fname(uri)            -- published diagnostics are keyed by decoded path: servers may
                                                 -- percent-encode URIs differently from Neovim

  -- keep the diagnostics exactly as the server published them (code, data, UTF-16 ranges), by file
  local published = {}
  local server_exit = nil
  local client_id = vim.lsp.start_client({
    name = 'quadlet-ls-smoke',
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        if result and result.uri then published[vim.uri_to_fname(result.uri)] = result.diagnostics or {} end
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
      end,
    },
    on_exit = function(code, signal)
      server_exit = string.format('code %s, signal %s', tostring(code), tostring(signal))
    end,
  })
  if not check(client_id ~= nil, 'client started') then return end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  local inited = vim.wait(timeout, function() return server_exit ~= nil or (client and client.initialized) end, 20)
  if not check(inited and not server_exit, 'server initialized' .. (server_exit and (' (server exited: ' .. server_exit .. ')') or '')) then return end
  local encoding = client.offset_encoding or 'utf-16'

  local function request(method, params)
    local resp, err = client.request_sync(method, params, timeout, bufnr)
    if not resp then return nil, tostring(err) end
    if resp.err then return nil, vim.inspect(resp.err) end
    return resp.result, nil
  end
  local function diags_at(code, line)
    local found = {}
    for _, d in ipairs(published[fname] or {}) do
      if d.range.start.line == line and (code == nil or tostring(d.code) == tostring(code)) then table.insert(found, d) end
    end
    return found
  end

  -- 1. diagnostic ---------------------------------------------------------------------------------------------------
  local diag = nil
  local want_diag = expect.diagnostic
  if present(want_diag) then
    local label = string.format("diagnostic '%s' on line %d", tostring(want_diag.code), want_diag.line)
    local got = vim.wait(timeout, function() return server_exit ~= nil or #diags_at(want_diag.code, want_diag.line) > 0 end, 20)
    for _, d in ipairs(published[fname] or {}) do
      info(string.format('published: line %d [%s] %s', d.range.start.line, tostring(d.code), short(d.message)))
    end
    diag = diags_at(want_diag.code, want_diag.line)[1]
    check(got and diag ~= nil, label .. (server_exit and (' (server exited: ' .. server_exit .. ')') or ''))
    if diag and present(want_diag.message) then
      check(re_match(want_diag.message, diag.message), string.format('diagnostic message matches /%s/: %s', want_diag.message, short(diag.message)))
    end
  end

  -- 2. code action --------------------------------------------------------------------------------------------------
  local want_action = expect.codeAction
  local function code_action_section()
    if not diag then check(false, "code action: no expected diagnostic to act on (see 'diagnostic')") return end
    local context_diags = {}
    for _, d in ipairs(published[fname] or {}) do
      if overlaps(d.range, diag.range.start.line) then table.insert(context_diags, d) end
    end
    local result, err = request('textDocument/codeAction', {
      textDocument = { uri = uri }, range = diag.range, context = { diagnostics = context_diags },
    })
    local titles, action = {}, nil
    for _, a in ipairs(result or {}) do
      table.insert(titles, a.title)
      if a.title == want_action.title and not action then action = a end
    end
    if not check(action ~= nil, string.format('code action "%s" offered (got: %s)', want_action.title,
        err and ('error ' .. err) or table.concat(titles, ' | '))) then return end

    if type(action.command) == 'string' then                       -- a bare Command
      action = { title = action.title, command = action }
    end
    if not action.edit and not action.command then               -- lazily resolved code action
      local resolved, rerr = request('codeAction/resolve', action)
      if rerr then info('codeAction/resolve failed: ' .. rerr) end
      action = resolved or action
    end
    if action.edit then vim.lsp.util.apply_workspace_edit(action.edit, encoding) end
    if action.command then
      local _, cerr = request('workspace/executeCommand', action.command)
      if cerr then info('workspace/executeCommand failed: ' .. cerr) end
    end

    local line = present(want_action.line) and want_action.line or diag.range.start.line
    if present(want_action.lineMatches) then
      local ok_line = vim.wait(timeout, function()
        local text = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1]
        return re_match(want_action.lineMatches, text)
      end, 20)
      local text = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1]
      check(ok_line, string.format('after the action, line %d matches /%s/: %s', line, want_action.lineMatches, short(text)))
    end
    if want_action.diagnosticGone ~= false then
      local gone = vim.wait(timeout, function() return #diags_at(diag.code, diag.range.start.line) == 0 end, 20)
      check(gone, string.format("diagnostic '%s' on line %d gone after the edit (didChange round trip)", tostring(diag.code), diag.range.start.line))
    end
  end
  if present(want_action) then code_action_section() end

  -- 3. hover --------------------------------------------------------------------------------------------------------
  local want_hover = expect.hover
  if present(want_hover) then
    local result, err = request('textDocument/hover', {
      textDocument = { uri = uri }, position = { line = want_hover.line, character = want_hover.character },
    })
    local text = result and hover_text(result.contents)
    check(text ~= nil and re_match(want_hover.matches, text), string.format('hover at %d:%d matches /%s/: %s',
      want_hover.line, want_hover.character, want_hover.matches, err and ('error ' .. err) or short(text)))
  end

  -- 4. completion ---------------------------------------------------------------------------------------------------
  local want_completion = expect.completion
  if present(want_completion) then
    local result, err = request('textDocument/completion', {
      textDocument = { uri = uri }, position = { line = want_completion.line, character = want_completion.character },
      context = { triggerKind = 1 },
    })
    local items = (result and (result.items or result)) or {}
    local labels = {}
    for _, it in ipairs(items) do table.insert(labels, it.label) end
    check(vim.tbl_contains(labels, want_completion.label), string.format("completion at %d:%d offers '%s' (got %d: %s)",
      want_completion.line, want_completion.character, want_completion.label, #labels,
      err and ('error ' .. err) or short(table.concat(labels, ','), 300)))
  end

  -- 5. definition ---------------------------------------------------------------------------------------------------
  local want_def = expect.definition
  if present(want_def) then
    -- the server indexes the workspace after `initialized`: ask again (bounded) until the other file is known
    local got, found, err = {}, false, nil
    local deadline = vim.loop.now() + timeout
    repeat
      local result
      result, err = request('textDocument/definition', {
        textDocument = { uri = uri }, position = { line = want_def.line, character = want_def.character },
      })
      if present(result) and (result.uri or result.targetUri) then result = { result } end   -- a single Location
      got = {}
      for _, loc in ipairs(present(result) and result or {}) do
        local target = vim.uri_to_fname(loc.uri or loc.targetUri)
        local range = loc.range or loc.targetSelectionRange or loc.targetRange
        table.insert(got, string.format('%s@%d', target, range.start.line))
        if re_match(want_def.target, target) and (not present(want_def.targetLine) or range.start.line == want_def.targetLine) then found = true end
      end
    until found or vim.loop.now() > deadline or vim.wait(100, function() return server_exit ~= nil end, 20)
    check(found, string.format('definition at %d:%d lands in /%s/%s (got: %s)', want_def.line, want_def.character, want_def.target,
      present(want_def.targetLine) and (' line ' .. want_def.targetLine) or '', err and ('error ' .. err) or table.concat(got, ', ')))
  end

  if server_exit then check(false, 'server still running at the end (exited: ' .. server_exit .. ')') end
end

-- Watchdog: a wait that never returns must not hang the run (run-nvim.mjs has its own timeout on top).
local watchdog_ms = tonumber(os.getenv('NVIM_SMOKE_WATCHDOG_MS') or '') or 120000
local watchdog = vim.loop.new_timer()
watchdog:start(watchdog_ms, 0, function()
  for _, c in pairs(vim.lsp.get_active_clients()) do pcall(c.stop, true) end
  io.stdout:write(string.format('nvim-smoke: watchdog fired after %d ms\n', watchdog_ms))
  io.stdout:flush()
  os.exit(124)
end)

-- A Lua error in headless nvim prints E5113 and then waits forever: always reach finish().
local ok, err = xpcall(main, debug.traceback)
if not ok then check(false, 'lua error: ' .. tostring(err)) end
watchdog:stop()
finish(failed == 0 and 0 or 1)
