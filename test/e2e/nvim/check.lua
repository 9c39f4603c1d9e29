-- Tifa's language server in an editor other than VS Code: Neovim 0.7 (Debian), headless.
-- Run by test/e2e/nvim/run.mjs:
--   nvim --headless --clean -n -c 'luafile test/e2e/nvim/check.lua'
-- Env: TIFA_NODE (node executable), TIFA_SERVER (dist/server.js), TIFA_FIXTURES (a folder holding
-- interview.txt and ocr-page.txt), TIFA_NVIM_OUT (file for the results, one `PASS|FAIL<TAB>name<TAB>detail`
-- line per check), TIFA_E2E_NEGATIVE=1 (the hover check expects a member that is not there).
-- Neovim 0.7 has vim.lsp.start_client / buf_attach_client / buf_request_sync (no vim.lsp.start).

local node = os.getenv('TIFA_NODE') or 'node'
local server = assert(os.getenv('TIFA_SERVER'), 'TIFA_SERVER not set')
local fixtures = assert(os.getenv('TIFA_FIXTURES'), 'TIFA_FIXTURES not set')
local out_path = assert(os.getenv('TIFA_NVIM_OUT'), 'TIFA_NVIM_OUT not set')
local negative = os.getenv('TIFA_E2E_NEGATIVE') == '1'

local lines_out = {}
local failed = 0
local function record(ok, name, detail)
  if not ok then failed = failed + 1 end
  local d = tostring(detail or ''):gsub('[\r\n\t]', ' ')
  table.insert(lines_out, (ok and 'PASS' or 'FAIL') .. '\t' .. name .. '\t' .. d)
end
local function check(name, fn)
  local ok, err = pcall(fn)
  record(ok, name, ok and (type(err) == 'string' and err or '') or err)
end
local function finish()
  local f = assert(io.open(out_path, 'w'))
  f:write(table.concat(lines_out, '\n') .. '\n')
  f:close()
  pcall(vim.lsp.stop_client, vim.lsp.get_active_clients())
  vim.wait(500)
  if failed > 0 then vim.cmd('cquit 1') else vim.cmd('qall!') end
end

-- raw publishDiagnostics, keyed by uri (keeps `code` and `source` exactly as the server sent them)
local raw_diagnostics = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']

local client_id
local ok_start, start_err = pcall(function()
  client_id = vim.lsp.start_client({
    name = 'tifa',
    cmd = { node, server, '--stdio' },
    root_dir = fixtures,
    workspace_folders = { { uri = vim.uri_from_fname(fixtures), name = 'fixtures' } },
    settings = { tifa = { autoDetect = true } },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        if result then raw_diagnostics[result.uri] = result.diagnostics end
        return default_publish(err, result, ctx, config)
      end,
    },
  })
end)

local function open(name)
  vim.cmd('edit ' .. vim.fn.fnameescape(fixtures .. '/' .. name))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'policytext' -- the languageId Neovim sends in didOpen
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')
  return bufnr
end

local function request(bufnr, method, params)
  local res, err = vim.lsp.buf_request_sync(bufnr, method, params, 15000)
  assert(res, method .. ': no answer (' .. tostring(err) .. ')')
  local r = res[client_id]
  assert(r, method .. ': no answer from tifa')
  assert(not r.error, method .. ': ' .. vim.inspect(r.error))
  return r.result
end

-- 0-based line and UTF-16 character of the first occurrence of `text` in the buffer (+ `plus` chars)
local function find(bufnr, text, plus)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local s = line:find(text, 1, true)
    if s then
      local _, u16 = vim.str_utfindex(line, s - 1)
      return { line = i - 1, character = u16 + (plus or 0) }
    end
  end
  error('text not found: ' .. text)
end

local function markup_text(contents)
  if type(contents) == 'string' then return contents end
  if contents.value then return contents.value end
  local parts = {}
  for _, c in ipairs(contents) do table.insert(parts, type(c) == 'string' and c or c.value or '') end
  return table.concat(parts, '\n')
end

check('server starts over stdio and initializes', function()
  assert(ok_start and client_id, 'start_client failed: ' .. tostring(start_err))
  local ok = vim.wait(20000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c ~= nil and c.initialized == true
  end, 50)
  assert(ok, 'no initialize answer within 20 s')
  local caps = vim.lsp.get_client_by_id(client_id).server_capabilities
  assert(caps.hoverProvider, 'hoverProvider capability')
  assert(caps.documentSymbolProvider, 'documentSymbolProvider capability')
  assert(caps.codeActionProvider, 'codeActionProvider capability')
end)

if failed > 0 then return finish() end

local interview = open('interview.txt')
local uri = vim.uri_from_bufnr(interview)

check('hover on 四个意识 lists its four members', function()
  local pos = find(interview, '四个意识', 1)
  local text
  vim.wait(10000, function()
    local result = request(interview, 'textDocument/hover', { textDocument = { uri = uri }, position = pos })
    text = result and markup_text(result.contents) or ''
    return text:find('政治意识', 1, true) ~= nil
  end, 200)
  local members = { '政治意识', '大局意识', '核心意识', '看齐意识' }
  if negative then table.insert(members, '经济意识') end
  for _, m in ipairs(members) do assert(text:find(m, 1, true), 'hover lacks ' .. m .. ': ' .. vim.fn.strcharpart(text, 0, 100)) end
  return vim.fn.strcharpart(text, 0, 40)
end)

check('document symbols list the three questions', function()
  local result = request(interview, 'textDocument/documentSymbol', { textDocument = { uri = uri } })
  assert(result and #result > 0, 'no symbols')
  local names = {}
  local function walk(list) for _, s in ipairs(list) do table.insert(names, s.name); walk(s.children or {}) end end
  walk(result)
  local all = table.concat(names, ' | ')
  for _, q in ipairs({ '总体考虑', '教育培训', '具体安排' }) do assert(all:find(q, 1, true), 'no question about ' .. q .. ' in ' .. all) end
  return vim.fn.strcharpart(all, 0, 80)
end)

local page = open('ocr-page.txt')
local page_uri = vim.uri_from_bufnr(page)

check('diagnostics arrive with source tifa and code cjk-space', function()
  local ok = vim.wait(20000, function()
    for _, d in ipairs(raw_diagnostics[page_uri] or {}) do if d.code == 'cjk-space' then return true end end
    return false
  end, 100)
  assert(ok, 'no cjk-space diagnostic: ' .. vim.inspect(raw_diagnostics[page_uri]))
  for _, d in ipairs(raw_diagnostics[page_uri]) do assert(d.source == 'tifa', 'source ' .. tostring(d.source)) end
end)

check('the cjk-space code action turns 自 己 into 自己', function()
  local diag
  for _, d in ipairs(raw_diagnostics[page_uri] or {}) do if d.code == 'cjk-space' then diag = d end end
  assert(diag, 'no cjk-space diagnostic')
  local before = vim.api.nvim_buf_get_lines(page, 0, -1, false)
  local actions = request(page, 'textDocument/codeAction', {
    textDocument = { uri = page_uri }, range = diag.range, context = { diagnostics = { diag }, only = { 'quickfix' } },
  })
  assert(actions and #actions > 0, 'no code actions')
  local action
  for _, a in ipairs(actions) do
    if a.edit then
      for _, d in ipairs(a.diagnostics or {}) do if d.code == 'cjk-space' then action = action or a end end
    end
  end
  if not action and actions[1].data and not actions[1].edit then
    action = request(page, 'codeAction/resolve', actions[1])
  end
  assert(action and action.edit, 'no cjk-space action with an edit: ' .. vim.inspect(actions):sub(1, 300))
  vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
  local after = vim.api.nvim_buf_get_lines(page, 0, -1, false)
  local expected = {}
  for i, l in ipairs(before) do expected[i] = (l:gsub('自 己', '自己', 1)) end
  assert(vim.deep_equal(after, expected), 'buffer after the fix: ' .. table.concat(after, '⏎'):sub(1, 300))
  return action.title
end)

finish()
