#!/usr/bin/env python3
"""peer_page.py EXPORT.json OUTDIR — the peer_chromium step's inputs.

From `kioskctl export FILE --json` take the longest guide (most characters
of text over all its fields) and write
  OUTDIR/peer.html    that guide as one static HTML page laid out like the
                      kiosk's item screen at 1080x1920 (top bar, section
                      chips, the highlight cards, where-to-go card, the
                      seven sections), Noto Sans CJK SC, no script, no
                      network: the same text a browser kiosk would show;
  OUTDIR/peer.script  a kiosk --script that opens the same guide from the
                      home screen (tap its department, tap it) and saves
                      a screenshot (peer.png) — the kiosk's side.
Prints the guide's department, name and character count on one line."""
import html
import json
import sys


def text_len(v):
    if isinstance(v, str):
        return len(v)
    if isinstance(v, dict):
        return sum(text_len(x) for x in v.values())
    if isinstance(v, list):
        return sum(text_len(x) for x in v)
    return 0


def e(s):
    return html.escape(str(s or ""))


def paras(s):
    return "".join("<p>%s</p>" % e(p) for p in (s or "").split("\n") if p.strip())


CSS = """
html, body { margin: 0; padding: 0; }
body { width: 1080px; font-family: "Noto Sans CJK SC", sans-serif; font-size: 36px;
       line-height: 1.45; color: #1a1a1a; background: #eef3f9; }
header { background: #0a4da2; padding: 14px 40px; display: flex; gap: 24px; }
header b { background: #fff; color: #0a4da2; border-radius: 14px; padding: 18px 30px;
           font-size: 36px; }
header .r { margin-left: auto; }
.crumb { padding: 10px 40px; color: #555; font-size: 32px; }
.chips { background: #fff; padding: 14px 40px; display: grid;
         grid-template-columns: repeat(4, 1fr); gap: 12px; }
.chips span { background: #e3ecf8; color: #0a4da2; font-weight: bold; text-align: center;
              border-radius: 10px; padding: 18px 0; }
.chips span.on { background: #0a4da2; color: #fff; }
main { padding: 20px 40px 160px; }
h1 { font-size: 52px; margin: 10px 0; }
.sub { color: #555; margin-bottom: 24px; }
.cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 24px; }
.card { border-radius: 14px; padding: 14px 28px; font-size: 32px; }
.card big { display: block; font-size: 52px; font-weight: bold; }
.warn { background: #fff1dc; color: #8a4b00; } .ok { background: #e4f4ea; color: #14632e; }
.tint { background: #e3ecf8; color: #0a4da2; }
.box { background: #fff; border-radius: 14px; padding: 24px 28px; margin: 24px 0; }
.kv { display: grid; grid-template-columns: max-content 1fr; column-gap: 20px; }
.kv dt { font-weight: bold; color: #333; } .kv dd { margin: 0; }
h2 { font-size: 52px; color: #0a4da2; border-left: 8px solid #0a4da2; padding-left: 16px;
     margin: 48px 0 16px; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 8px; vertical-align: top; }
td small { display: block; color: #666; font-size: 32px; }
ol.steps li { margin-bottom: 16px; } ol.steps b { font-size: 42px; display: block; }
footer { position: fixed; bottom: 0; left: 0; right: 0; background: #fff;
         padding: 14px 40px; border-top: 2px solid #ccd; }
footer b { background: #0a4da2; color: #fff; border-radius: 14px; padding: 18px 30px;
           display: inline-block; }
footer b.r { float: right; padding: 18px 64px; }
"""

HEADS = ["一、事项名称", "二、设定依据", "三、申请条件", "四、申请材料",
         "五、办理流程", "六、办理时限", "七、收费标准"]
CHIPS = ["事项名称", "设定依据", "申请条件", "申请材料", "办理流程", "办理时限", "收费标准"]


def page(dept, it):
    tl = it.get("time_limit") or {}
    promised = tl.get("promised") or ""
    tlabel, tval = ("承诺时限", promised) if promised else ("法定时限", tl.get("legal") or "")
    tsub = "法定" + tl["legal"] if promised and tl.get("legal") else ""
    free = (it.get("fees") or "").startswith("不收费")
    visits = it.get("visits") or 0
    out = ["<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">",
           "<title>%s</title><style>%s</style></head><body>" % (e(it["name"]), CSS),
           "<header><b>‹返回</b><b>首页</b><b>搜索</b><b class=\"r\">高对比度</b><b>长辈模式：关</b></header>",
           "<div class=\"crumb\">首页 › %s › %s</div>" % (e(dept["short_name"]), e(it["name"])),
           "<nav class=\"chips\">%s</nav>" % "".join(
               "<span%s>%s</span>" % (" class=\"on\"" if i == 0 else "", c) for i, c in enumerate(CHIPS)),
           "<main><h1>%s</h1><div class=\"sub\">%s ・ 服务对象：%s</div>" % (
               e(it["name"]), e(it.get("type")), e(it.get("target"))),
           "<div class=\"cards\"><div class=\"card warn\">%s<big>%s</big>%s</div>" % (
               tlabel, e(tval), e(tsub)),
           "<div class=\"card %s\">收费<big>%s</big>%s</div>" % (
               "ok" if free else "warn", "不收费" if free else "收费", "" if free else "详见收费标准"),
           "<div class=\"card tint\">到现场次数<big>%d次</big>%s</div></div>" % (
               visits, "最多跑一次" if visits <= 1 else "")]
    where = [("办理地点：", it.get("location")),
             ("办理窗口：", "%s（%s）" % (dept.get("window", ""), dept.get("floor", ""))),
             ("办理时间：", it.get("hours")), ("咨询电话：", it.get("phone")),
             ("到现场次数：", "%d次" % visits)]
    out.append("<dl class=\"box kv\">%s</dl>" % "".join(
        "<dt>%s</dt><dd>%s</dd>" % (k, e(v)) for k, v in where))
    out.append("<h2>%s</h2><dl class=\"box kv\">%s</dl>" % (HEADS[0], "".join(
        "<dt>%s</dt><dd>%s</dd>" % (k, e(v)) for k, v in [
            ("事项名称：", it["name"]), ("事项编码：", it.get("code")), ("事项类型：", it.get("type")),
            ("服务对象：", it.get("target")), ("所属部门：", dept.get("name"))])))
    out.append("<h2>%s</h2><div class=\"box\">%s</div>" % (HEADS[1], paras(it.get("basis"))))
    out.append("<h2>%s</h2><div class=\"box\">%s</div>" % (HEADS[2], paras(it.get("conditions"))))
    rows = "".join("<tr><td>☐</td><td>%d. %s<small>%s</small></td><td>%s</td><td>%d份</td></tr>" % (
        i + 1, e(m.get("name")), e(m.get("note")), e(m.get("form")), m.get("copies") or 0)
        for i, m in enumerate(it.get("materials") or []))
    out.append("<h2>%s</h2><div class=\"box\"><table><tr><th></th><th>材料名称</th><th>形式</th>"
               "<th>份数</th></tr>%s</table></div>" % (HEADS[3], rows or "<tr><td colspan=4>无需提交材料</td></tr>"))
    steps = "".join("<li><b>%s</b>承办：%s<br>时限：%s</li>" % (
        e(s.get("step")), e(s.get("who") or "—"), e(s.get("time") or "—"))
        for s in it.get("procedure") or [])
    out.append("<h2>%s</h2><div class=\"box\"><ol class=\"steps\">%s</ol></div>" % (HEADS[4], steps))
    out.append("<h2>%s</h2><div class=\"box\"><div class=\"cards\"><div class=\"card warn\">法定时限<big>%s</big></div>"
               "<div class=\"card warn\">承诺时限<big>%s</big></div></div>%s</div>" % (
                   HEADS[5], e(tl.get("legal")), e(promised),
                   "<p>说明：%s</p>" % e(tl["note"]) if tl.get("note") else ""))
    out.append("<h2>%s</h2><div class=\"box\">%s</div>" % (HEADS[6], paras(it.get("fees"))))
    out.append("<div class=\"box\"><b>扫码带走办事指南</b><p>用手机扫描二维码，申请材料、办理流程随身带，回家也能看。</p>"
               "<small>%s</small></div>" % e(it.get("url")))
    out.append("</main><footer><b>▶ 朗读本节</b><b class=\"r\">扫码带走</b></footer></body></html>\n")
    return "".join(out)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: peer_page.py EXPORT.json OUTDIR")
    with open(sys.argv[1], encoding="utf-8") as f:
        data = json.load(f)
    best = None
    for d in data["departments"]:
        for it in d["items"]:
            n = text_len(it)
            if best is None or n > best[0]:
                best = (n, d, it)
    if best is None:
        sys.exit("peer_page.py: no items in the export")
    n, dept, it = best
    with open(sys.argv[2] + "/peer.html", "w", encoding="utf-8") as f:
        f.write(page(dept, it))
    with open(sys.argv[2] + "/peer.script", "w", encoding="utf-8") as f:
        f.write('tap "%s"\ntap "%s"\nexpect screen item\nshot peer\n' % (dept["short_name"], it["name"]))
    print("%s %s %d" % (dept["short_name"], it["name"], n))


if __name__ == "__main__":
    main()
