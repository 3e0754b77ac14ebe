"""Webhook signatures compared in constant time (doctor check 6).

Finds code that computes an HMAC and compares the result with ``==``,
``!=``, ``===`` or ``!==``, which leaks through timing how much of a
forged signature was right.  The fix is ``hmac.compare_digest`` (Python)
or ``crypto.timingSafeEqual`` (Node).

False positives cost trust, so a comparison is flagged only when one side
is itself HMAC-derived: a direct ``hmac.new(...).hexdigest() == sig``, a
name assigned from an HMAC computation (followed through assignments,
string building and encodings), or a call to a function of the same file
that returns one.  Lengths, ``typeof``, ``None``/``null``/empty-string
checks, boolean results of safe comparisons, and test files are never
flagged.

Python is read with ``ast``; JavaScript and TypeScript with a small scanner
that blanks comments and strings, then follows statements line by line.
"""
from __future__ import annotations

import ast
import os
import re
from typing import Iterable
from typing import NamedTuple

PYTHON_EXTS = ('.py', '.pyw')
JS_EXTS = ('.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx')
MAX_BYTES = 1 << 20  # larger files are bundles or generated code

ADVICE = {
    'python': 'use hmac.compare_digest(a, b)',
    'js': 'use crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b)) after checking lengths',
}

_PREFILTER = re.compile(rb'(?i)hmac')
_SKIP_DIRS = frozenset((
    'node_modules', 'vendor', 'third_party', 'dist', 'build', 'site-packages',
    '.venv', 'venv', 'tests', 'test', '__tests__', 'spec', 'testing',
))
_TEST_FILE = re.compile(
    r'(?:^test_.*\.py$|_test\.py$|^conftest\.py$|\.(?:test|spec)\.[cm]?[jt]sx?$|\.min\.js$)',
)


class Problem(NamedTuple):
    path: str
    line: int
    operator: str
    language: str

    def message(self) -> str:
        return (
            f'{self.path}:{self.line}: HMAC signature compared with '
            f'{self.operator}; {ADVICE[self.language]}'
        )


def language(path: str) -> str | None:
    lower = path.lower()
    if lower.endswith(PYTHON_EXTS):
        return 'python'
    if lower.endswith(JS_EXTS):
        return 'js'
    return None


def is_candidate(path: str) -> bool:
    """A Python/JS/TS source file that is not a test, vendored or minified."""
    if language(path) is None:
        return False
    parts = path.replace('\\', '/').split('/')
    if any(part in _SKIP_DIRS for part in parts[:-1]):
        return False
    return _TEST_FILE.search(parts[-1]) is None


def check_source(path: str, data: bytes) -> list[Problem]:
    """Every non-constant-time comparison of an HMAC in one file."""
    lang = language(path)
    if lang is None or len(data) > MAX_BYTES or not _PREFILTER.search(data):
        return []
    text = data.decode('utf-8', 'replace')
    found = check_python(text) if lang == 'python' else check_js(text)
    return [Problem(path, line, op, lang) for line, op in found]


def check_files(root: str, relpaths: Iterable[str]) -> list[Problem]:
    problems: list[Problem] = []
    for rel in relpaths:
        if not is_candidate(rel):
            continue
        full = os.path.join(root, rel)
        try:
            if not os.path.isfile(full) or os.path.islink(full):
                continue
            with open(full, 'rb') as f:
                data = f.read(MAX_BYTES + 1)
        except OSError:
            continue
        problems.extend(check_source(rel, data))
    return problems


# --- Python -----------------------------------------------------------------

_PY_PRODUCERS = frozenset((
    'hmac.new', 'hmac.digest', 'hmac.HMAC', 'hashlib.pbkdf2_hmac',
    'cryptography.hazmat.primitives.hmac.HMAC',
    'Crypto.Hash.HMAC.new', 'Cryptodome.Hash.HMAC.new',
))
# Methods whose result still is the signature (or the HMAC object).
_PY_KEEP_METHODS = frozenset((
    'hexdigest', 'digest', 'hex', 'finalize', 'copy', 'encode', 'decode',
    'lower', 'upper', 'strip', 'rstrip', 'lstrip', 'tobytes',
))
# Functions that re-encode a signature without changing what it is.
_PY_ENCODERS = frozenset((
    'str', 'bytes', 'bytearray',
    'base64.b64encode', 'base64.urlsafe_b64encode', 'base64.b16encode',
    'base64.b32encode', 'binascii.hexlify', 'binascii.b2a_hex',
    'binascii.b2a_base64', 'codecs.encode',
))


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


class _Python:
    """Taint analysis on one module: which names hold an HMAC.

    Plain names are tracked per function scope (looked up through the
    enclosing scopes), so ``expected`` in one function does not taint an
    unrelated ``expected`` in another; ``self.x``-style names are per file.
    """

    def __init__(self, tree: ast.AST) -> None:
        self.tree = tree
        self.aliases: dict[str, str] = {}
        self.tainted: set[tuple[int, str]] = set()
        self.functions: set[str] = set()  # functions returning a signature
        self.parent: dict[int, int] = {0: 0}
        self.nodes: list[tuple[ast.AST, int]] = []  # (node, scope)
        stack: list[tuple[ast.AST, int]] = [(tree, 0)]
        while stack:
            node, scope = stack.pop()
            self.nodes.append((node, scope))
            inner = scope
            if isinstance(node, _SCOPES):
                inner = id(node)
                self.parent[inner] = scope
            for child in ast.iter_child_nodes(node):
                # Defaults and decorators belong to the enclosing scope; close
                # enough for taint, which only ever widens inside a function.
                stack.append((child, inner))
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.asname:
                        self.aliases[a.asname] = a.name
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for a in node.names:
                    self.aliases[a.asname or a.name] = f'{node.module}.{a.name}'

    def dotted(self, node: ast.AST) -> str | None:
        if isinstance(node, ast.Name):
            return self.aliases.get(node.id, node.id)
        if isinstance(node, ast.Attribute):
            base = self.dotted(node.value)
            return f'{base}.{node.attr}' if base else None
        return None

    def local(self, node: ast.AST) -> str | None:
        """The name as written (for taint), without import resolution."""
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute):
            base = self.local(node.value)
            return f'{base}.{node.attr}' if base else None
        return None

    def is_tainted(self, name: str, scope: int) -> bool:
        if '.' in name:
            return (-1, name) in self.tainted
        while True:
            if (scope, name) in self.tainted:
                return True
            if scope == 0:
                return False
            scope = self.parent.get(scope, 0)

    def taint(self, name: str, scope: int) -> bool:
        key = (-1 if '.' in name else scope, name)
        if key in self.tainted:
            return False
        self.tainted.add(key)
        return True

    def signature(self, node: ast.AST | None, scope: int) -> bool:
        """Is the value of ``node`` an HMAC (object, digest or encoding)?"""
        if node is None:
            return False
        if isinstance(node, (ast.Name, ast.Attribute)):
            name = self.local(node)
            return name is not None and self.is_tainted(name, scope)
        if isinstance(node, ast.Call):
            func = node.func
            name = self.dotted(func)
            if name in _PY_PRODUCERS:
                return True
            called = self.local(func)
            if called is not None and (
                    called in self.functions
                    or called.startswith(('self.', 'cls.')) and called.split('.')[-1] in self.functions
            ):
                return True
            if name in _PY_ENCODERS:
                return any(self.signature(a, scope) for a in node.args)
            if isinstance(func, ast.Attribute) and func.attr in _PY_KEEP_METHODS:
                return self.signature(func.value, scope)
            return False
        if isinstance(node, ast.Subscript):
            return self.signature(node.value, scope)
        if isinstance(node, ast.BinOp):
            return self.signature(node.left, scope) or self.signature(node.right, scope)
        if isinstance(node, ast.JoinedStr):
            return any(
                isinstance(v, ast.FormattedValue) and self.signature(v.value, scope)
                for v in node.values
            )
        if isinstance(node, ast.Await):
            return self.signature(node.value, scope)
        if isinstance(node, ast.IfExp):
            return self.signature(node.body, scope) or self.signature(node.orelse, scope)
        return False  # comparisons, boolean logic, len(), ... are not signatures

    def propagate(self) -> None:
        """Follow assignments and returns until nothing new is learned."""
        assigns: list[tuple[list[ast.AST], ast.AST, int]] = []
        returns: list[tuple[str, ast.AST, int]] = []
        names: dict[int, str] = {}
        for node, scope in self.nodes:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names[id(node)] = node.name
        for node, scope in self.nodes:
            if isinstance(node, ast.Assign):
                assigns.append((node.targets, node.value, scope))
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and node.value is not None:
                assigns.append(([node.target], node.value, scope))
            elif isinstance(node, ast.NamedExpr):
                assigns.append(([node.target], node.value, scope))
            elif isinstance(node, ast.withitem) and node.optional_vars is not None:
                assigns.append(([node.optional_vars], node.context_expr, scope))
            elif isinstance(node, ast.Return) and node.value is not None and scope in names:
                returns.append((names[scope], node.value, scope))
        changed = True
        while changed:
            changed = False
            for targets, value, scope in assigns:
                if not self.signature(value, scope):
                    continue
                for target in targets:
                    name = self.local(target)
                    if name is not None and self.taint(name, scope):
                        changed = True
            for name, value, scope in returns:
                if name not in self.functions and self.signature(value, scope):
                    self.functions.add(name)
                    changed = True

    def comparisons(self) -> list[tuple[int, str]]:
        found = []
        for node, scope in self.nodes:
            if not isinstance(node, ast.Compare):
                continue
            operands = [node.left, *node.comparators]
            for i, op in enumerate(node.ops):
                if not isinstance(op, (ast.Eq, ast.NotEq)):
                    continue
                left, right = operands[i], operands[i + 1]
                if _py_trivial(left) or _py_trivial(right):
                    continue
                if self.signature(left, scope) or self.signature(right, scope):
                    found.append((node.lineno, '==' if isinstance(op, ast.Eq) else '!='))
                    break
        return found


def _py_trivial(node: ast.AST) -> bool:
    """None, booleans, numbers and empty strings: presence checks, not secrets."""
    if isinstance(node, ast.Constant):
        value = node.value
        return value is None or isinstance(value, (bool, int, float)) or value in ('', b'')
    return False


def check_python(text: str) -> list[tuple[int, str]]:
    import warnings

    try:
        with warnings.catch_warnings():  # "invalid escape sequence" is not ours to print
            warnings.simplefilter('ignore')
            tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []  # not Python 3 we can read: nothing to claim
    checker = _Python(tree)
    checker.propagate()
    return sorted(set(checker.comparisons()))


# --- JavaScript / TypeScript ------------------------------------------------

_JS_PRODUCER = re.compile(
    r'(?:\bcreateHmac\s*\(|\bHmac(?:SHA\d+|MD5|SHA3|RIPEMD160)\s*\(|\bhmac\s*\()',
)
_JS_SUBTLE_SIGN = re.compile(r'\bsubtle\s*\.\s*sign\s*\(')
_JS_HMAC_NAME = re.compile(r'[\'"`]HMAC[\'"`]')
_JS_ASYMMETRIC = re.compile(r'ECDSA|RSASSA|RSA-PSS|Ed25519')
# A call that answers yes/no (timingSafeEqual, a hand-written safeEqual,
# verifySignature, ...) turns a signature into a boolean.
_JS_SAFE = re.compile(r'(?i)\b[\w$]*(?:equal|compare|verify|safe|match)[\w$]*\s*\(')
_JS_COMPARE = re.compile(r'(?<![=!<>])(===|!==|==|!=)(?!=)')
_JS_ASSIGN = re.compile(
    r'^\s*(?:export\s+)?(?:(?:const|let|var)\s+)?'
    r'((?:this\.)?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*(?::[^=;]+?)?\s*=(?![=>])\s*(.*)$',
    re.S,
)
_JS_FUNCTION = re.compile(
    r'(?:\bfunction\s*\*?\s*([A-Za-z_$][\w$]*)\s*\('
    r'|^\s*(?:(?:export|const|let|var|async|static|public|private|protected)\s+)*'
    r'([A-Za-z_$][\w$]*)\s*(?::[^=]+?)?\s*=\s*(?:async\s*)?(?:function\b|\([^)]*\)\s*(?::[^=]+?)?=>|[A-Za-z_$][\w$]*\s*=>)'
    r'|^\s*(?:(?:async|static|public|private|protected)\s+)*([A-Za-z_$][\w$]*)\s*\([^)]*\)\s*(?::[^{]+)?$)',
    re.S,
)
_JS_ANONYMOUS = re.compile(r'\bfunction\s*\*?\s*\([^)]*\)\s*(?::[^{]+)?$')
_JS_CHAIN = re.compile(r'(?<![\w$.])[A-Za-z_$][\w$]*(?:\s*\??\.\s*[A-Za-z_$][\w$]*)*')
_JS_DOT = re.compile(r'\s*\??\.\s*')
_JS_TRIVIAL = re.compile(r"^(?:null|undefined|true|false|\d[\d_.]*|''|\"\"|``)$")
_JS_KEYWORDS = ('if', 'for', 'while', 'switch', 'catch', 'return', 'function')


def blank_js(text: str) -> str:
    """Comments and string/regex contents become spaces; positions are kept."""
    out = list(text)
    i, n = 0, len(text)
    last = ''  # the last significant code character, to tell / from a regex
    while i < n:
        c = text[i]
        nxt = text[i + 1] if i + 1 < n else ''
        if c == '/' and nxt == '/':
            j = text.find('\n', i)
            j = n if j == -1 else j
            for k in range(i, j):
                out[k] = ' '
            i = j
        elif c == '/' and nxt == '*':
            j = text.find('*/', i + 2)
            j = n if j == -1 else j + 2
            for k in range(i, j):
                if out[k] != '\n':
                    out[k] = ' '
            i = j
        elif c == '`':
            i = _blank_template(text, out, i)
            last = c
        elif c in '\'"' or (c == '/' and (last == '' or last in '(,=:[!&|?{};+-*%<>~^')):
            j = i + 1
            in_class = False
            while j < n:
                d = text[j]
                if d == '\\':
                    j += 2
                    continue
                if d == '\n':
                    break  # unterminated: resynchronise at the line end
                if c == '/' and d == '[':
                    in_class = True
                elif c == '/' and d == ']':
                    in_class = False
                elif d == c and not in_class:
                    break
                j += 1
            for k in range(i + 1, min(j, n)):
                if out[k] != '\n':
                    out[k] = ' '
            last = c
            i = j + 1
        else:
            if not c.isspace():
                last = c
            i += 1
    return ''.join(out)


def _blank_template(text: str, out: list[str], i: int) -> int:
    """Blank a template literal from ``text[i]`` (a backtick) but keep each
    ``${expr}`` as code, written ``(expr)`` so braces do not look like a
    block; returns the offset after the closing backtick."""
    n = len(text)
    j = i + 1
    while j < n:
        d = text[j]
        if d == '\\':
            out[j] = ' '
            if j + 1 < n and text[j + 1] != '\n':
                out[j + 1] = ' '
            j += 2
            continue
        if d == '`':
            return j + 1
        if d == '$' and j + 1 < n and text[j + 1] == '{':
            depth = 0
            k = j + 1
            while k < n:
                if text[k] == '{':
                    depth += 1
                elif text[k] == '}':
                    depth -= 1
                    if depth == 0:
                        break
                k += 1
            out[j], out[j + 1] = ' ', '('
            if k < n:
                out[k] = ')'
            j = k + 1
            continue
        if d != '\n':
            out[j] = ' '
        j += 1
    return n


def _js_statements(code: str) -> list[tuple[int, int, str]]:
    """(start offset, brace depth, text) for each statement-like segment.

    Segments end at ``;``, ``{`` and ``}``, and at a line end unless the
    expression obviously continues (open brackets, a trailing operator, or
    a next line starting with ``.``, ``?.`` or an operator).  A ``{`` always
    ends one, so a callback's body (``app.post('/hook', (req, res) => {``)
    is read statement by statement like any other block.
    """
    segments: list[tuple[int, int, str]] = []
    depth = 0  # ( and [ nesting inside the current block
    outer: list[int] = []  # the nesting outside each open block
    braces = 0
    start = 0
    n = len(code)
    for i, c in enumerate(code):
        if c in '([':
            depth += 1
        elif c in ')]':
            depth = max(0, depth - 1)
        elif c == '{':
            segments.append((start, braces, code[start:i + 1]))
            outer.append(depth)
            depth = 0
            braces += 1
            start = i + 1
        elif c == '}':
            segments.append((start, braces, code[start:i]))
            depth = outer.pop() if outer else 0
            braces = max(0, braces - 1)
            start = i + 1
        elif c == ';' and depth == 0:
            segments.append((start, braces, code[start:i]))
            start = i + 1
        elif c == '\n' and depth == 0:
            before = code[start:i].rstrip()
            after = code[i + 1:min(n, i + 200)].lstrip()
            continues = (
                before.endswith(('=', '+', '-', '*', '/', '&', '|', '?', ':', ',', '.', '(', '>'))
                or after.startswith(('.', '?.', '+', '-', '*', '/', '&&', '||', '?', ':', '=', ')'))
            )
            if not continues:
                segments.append((start, braces, code[start:i]))
                start = i + 1
    segments.append((start, braces, code[start:]))
    return [s for s in segments if s[2].strip()]


def _operand(seg: str, at: int, end: int) -> tuple[str, str]:
    """The operands left of ``seg[at]`` and right of ``seg[end]``."""
    def scan(pos: int, step: int) -> int:
        depth = 0
        opening, closing = ('([', ')]') if step > 0 else (')]', '([')
        while 0 <= pos < len(seg):
            c = seg[pos]
            if c in opening:
                depth += 1
            elif c in closing:
                if depth == 0:
                    return pos
                depth -= 1
            elif depth == 0 and c in ',&|?:;{}=' and not (
                    c == '=' and 0 < pos < len(seg) - 1 and seg[pos - 1] in '=!<>'
            ):
                return pos
            pos += step
        return pos

    lo = scan(at - 1, -1)
    hi = scan(end, 1)
    left = seg[lo + 1:at].strip()
    right = seg[end:hi].strip()
    for kw in ('return', 'await', 'throw', 'case'):
        if left.startswith(kw + ' '):
            left = left[len(kw):].strip()
    return left.lstrip('!>').strip(), right


class _Js:
    def __init__(self, text: str) -> None:
        self.text = text
        self.code = blank_js(text)
        # subtle.sign(algo, ...) with the algorithm named elsewhere in the file
        self.hmac_context = bool(_JS_HMAC_NAME.search(text)) and not _JS_ASYMMETRIC.search(text)
        self.tainted: set[str] = set()
        self.segments = _js_statements(self.code)

    def produces(self, start: int, expr: str) -> bool:
        if _JS_PRODUCER.search(expr):
            return True
        m = _JS_SUBTLE_SIGN.search(expr)
        if m is None:
            return False
        # The algorithm is the first argument: look at the call itself.
        at = self.code.find(m.group(0), start)
        call = self.text[at:at + 300].split(';', 1)[0] if at != -1 else ''
        if _JS_ASYMMETRIC.search(call):
            return False
        return _JS_HMAC_NAME.search(call) is not None or self.hmac_context

    def mentions_tainted(self, expr: str) -> bool:
        """Does ``expr`` use a tainted name (``sig``, ``this.sig``, ``sig.x``)
        other than for its length?"""
        if not self.tainted:
            return False
        for m in _JS_CHAIN.finditer(expr):
            parts = _JS_DOT.split(m.group(0))
            for k in range(len(parts), 0, -1):
                if '.'.join(parts[:k]) in self.tainted:
                    if parts[k:k + 1] and parts[k] in ('length', 'byteLength', 'size'):
                        break
                    return True
        return False

    def signature(self, start: int, expr: str) -> bool:
        if _JS_SAFE.search(expr) or _JS_COMPARE.search(expr) or 'typeof' in expr:
            return False
        return self.produces(start, expr) or self.mentions_tainted(expr)

    def propagate(self) -> None:
        # (brace depth of the body, function name or None when anonymous)
        functions: list[tuple[int, str | None]] = []
        learned: list[tuple[str, int, str]] = []
        for start, braces, seg in self.segments:
            while functions and functions[-1][0] > braces:
                functions.pop()
            if seg.endswith('{'):
                header = seg[:-1].rstrip()
                m = _JS_FUNCTION.search(header)
                name = (m.group(1) or m.group(2) or m.group(3)) if m else None
                if name is not None and name not in _JS_KEYWORDS:
                    functions.append((braces + 1, name))
                    continue
                if header.endswith('=>') or _JS_ANONYMOUS.search(header):
                    functions.append((braces + 1, None))
                    continue
                # else a block, or an object literal inside an assignment:
                # ``const tag = await crypto.subtle.sign({name: 'HMAC'}, ...``
            stripped = seg.strip()
            if stripped.startswith('return') and not stripped[6:7].isalnum():
                if functions and functions[-1][1] is not None:
                    learned.append((functions[-1][1], start, stripped[6:]))
                continue
            m = _JS_ASSIGN.match(seg)
            if m is not None:
                learned.append((m.group(1), start, m.group(2)))
        changed = True
        while changed:
            changed = False
            for name, start, expr in learned:
                if name not in self.tainted and self.signature(start, expr):
                    self.tainted.add(name)
                    changed = True

    def comparisons(self) -> list[tuple[int, str]]:
        found = []
        for start, _braces, seg in self.segments:
            for m in _JS_COMPARE.finditer(seg):
                left, right = _operand(seg, m.start(), m.end())
                if not left or not right:
                    continue
                if _JS_TRIVIAL.match(left) or _JS_TRIVIAL.match(right):
                    continue
                if self.signature(start, left) or self.signature(start, right):
                    line = self.code.count('\n', 0, start + m.start()) + 1
                    found.append((line, m.group(1)))
        return found


def check_js(text: str) -> list[tuple[int, str]]:
    checker = _Js(text)
    checker.propagate()
    return sorted(set(checker.comparisons()))
