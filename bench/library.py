#!/usr/bin/env python3
"""bench/library.py - the library benchmark's own tools (bench/library).

    library.py make CORPUS DIR [DOCS] [MB]   build the library in DIR
    library.py firsthit LECTERN DIR WORD RUNS TIMEOUT
                                             seconds from Enter in the
                                             browser's search of the library
                                             to its first hit on the screen

make: DOCS documents (default 10000) of about MB MiB in all (default
1024), in folders by year, made from the real texts under CORPUS (never
copied into the project: the library is made at bench time, in a
temporary folder).  Seven in ten are plain text with a head of the kind
news sites have (title, source and date line, occasion, speaker), which
the conversion recovers; three in ten are Markdown with front matter.
Titles, dates and speakers are drawn from word lists of this file, so
that rows differ.  The word RARE (below) is put into RARE_DOCS documents
only.  The same arguments make the same library (a fixed seed).

firsthit: lectern DIR in a private tmux server (100x30); once its library
screen is up, F, the word, Enter; the clock runs from the Enter until a
capture of the pane shows the status line counting a first hit ("WORD: N
hits" with N > 0), polled every 5 ms: late by at most a capture.  The
median of RUNS runs.
"""

import os
import random
import re
import sys
import time

RARE = "翠微铭砚"
RARE_DOCS = 7

PLACES = ["全县", "全市", "全省", "全区", "全镇", "全系统", "全行业", "全校", "全院", "全局"]
EVENTS = ["经济工作会议", "党建工作会议", "教育大会", "安全生产工作会议", "科技创新大会",
          "乡村振兴推进会", "生态环境保护大会", "民生工作座谈会", "文化建设推进会",
          "营商环境优化大会", "防汛抗旱工作会议", "招商引资推介会", "人才工作会议",
          "政法工作会议", "统战工作会议", "审计工作会议", "卫生健康大会", "交通建设推进会"]
KINDS = ["讲话", "报告", "致辞", "发言", "总结讲话", "动员讲话"]
ROLES = ["县委书记", "市长", "省长", "区委书记", "局长", "主任", "校长", "院长", "镇长", "秘书长"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
GIVEN = "建国明华军伟强平东海涛敏静丽红霞志宏文斌波勇杰鹏辉刚健峰磊洋超晨亮俊立新春秋雪梅兰松"
SOURCES = ["县政府网", "市政府网", "省政府网", "人民网", "新华网", "日报网", "政务公开网"]
EN_EVENTS = ["Budget Hearing", "Library Week", "Harbor Day", "Science Fair", "Founders Day",
             "Teachers Conference", "Flood Relief Meeting", "Transit Forum"]


def corpus_texts(corpus):
    """The real texts: (name, text, is_markdown)."""
    out = []
    for sub in ("", "round2", "laws"):
        d = os.path.join(corpus, sub)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            p = os.path.join(d, name)
            if name.endswith(".txt") or name.endswith(".md"):
                with open(p, encoding="utf-8", errors="replace") as f:
                    out.append((name, f.read(), name.endswith(".md")))
    if not out:
        sys.exit("library.py: no texts under %s" % corpus)
    return out


def name(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def make(corpus, top, docs, mb):
    rng = random.Random(20260501)
    texts = corpus_texts(corpus)
    zh = [t for t in texts if not t[0].startswith("en_")]
    en = [t for t in texts if t[0].startswith("en_")]
    want = mb * 1048576 // docs
    rare = set(rng.sample(range(docs), RARE_DOCS))
    os.makedirs(top, exist_ok=True)
    total = 0
    for i in range(docs):
        year = 1954 + rng.randrange(71)
        date = (year, rng.randrange(1, 13), rng.randrange(1, 29))
        size = int(want * rng.uniform(0.3, 1.7))
        english = rng.random() < 0.05
        pool = en if english and en else zh
        body = []
        n = 0
        while n < size:
            t = rng.choice(pool)[1]
            b = t.encode("utf-8")
            if n + len(b) > size and body:
                # The last text cut after a whole line, to keep to the size.
                cut = b[: size - n].decode("utf-8", errors="ignore")
                t = cut[: cut.rfind("\n") + 1] if "\n" in cut else cut
                b = t.encode("utf-8")
                if not t:
                    break
            body.append(t)
            n += len(b)
        text = "\n\n".join(body)
        if i in rare:
            # The rare word inside a paragraph, somewhere in the middle.
            at = text.find("。", len(text) // 2)
            at = at + 1 if at >= 0 else len(text) // 2
            text = text[:at] + "会上提到" + RARE + "一事。" + text[at:]
        who = name(rng)
        role = rng.choice(ROLES)
        if english:
            title = "Remarks at the %s %d" % (rng.choice(EN_EVENTS), year)
        else:
            title = "在%s%s上的%s" % (rng.choice(PLACES), rng.choice(EVENTS), rng.choice(KINDS))
        folder = os.path.join(top, str(year))
        os.makedirs(folder, exist_ok=True)
        if rng.random() < 0.7:
            path = os.path.join(folder, "%05d.txt" % i)
            head = "%s %s\n来源:%s 更新时间:%04d-%02d-%02d\n\n%s\n%s %s\n\n" % (
                who, title, rng.choice(SOURCES), date[0], date[1], date[2], title, role, who)
            data = head + text
        else:
            path = os.path.join(folder, "%05d.md" % i)
            fm = "---\ntitle: %s\ndate: %d年%d月%d日\nauthor: %s\n---\n\n# %s\n\n" % (
                title, date[0], date[1], date[2], who, title)
            data = fm + text
        raw = data.encode("utf-8")
        with open(path, "wb") as f:
            f.write(raw)
        total += len(raw)
    print("library.py: %d documents, %.0f MB, in %s" % (docs, total / 1048576, top))


def firsthit(lectern, top, word, runs, timeout):
    """In a private tmux server: the clock runs from the Enter of the
    search until a capture of the pane shows a first hit counted."""
    import shutil
    import subprocess
    import tempfile

    if not shutil.which("tmux"):
        print("firsthit\t\tskipped")
        return
    d = tempfile.mkdtemp(prefix="lectern-firsthit.")
    sock = os.path.join(d, "s")

    def tmux(*args, check=True):
        return subprocess.run(["tmux", "-S", sock, "-f", "/dev/null"] + list(args),
                              capture_output=True, text=True, check=check).stdout

    def screen():
        return tmux("capture-pane", "-p", "-t", "b")

    def wait(pred, limit):
        end = time.monotonic() + limit
        while time.monotonic() < end:
            if pred(screen()):
                return True
            time.sleep(0.005)
        return False

    counted = re.compile(re.escape(word) + r": [1-9][0-9]* hit")
    cache = os.environ.get("XDG_CACHE_HOME", "")
    times = []
    for run in range(runs + 1):
        # A server of its own each run: a new session on the socket of a
        # server just killed can fail ("server exited unexpectedly").
        sock = os.path.join(d, "s%d" % run)
        tmux("new-session", "-d", "-s", "b", "-x", "100", "-y", "30", "-e", "LC_ALL=C.UTF-8",
             "-e", "XDG_CACHE_HOME=" + cache, lectern, top)
        ok = wait(lambda s: "Library: " in s, timeout)
        if ok:
            tmux("send-keys", "-t", "b", "F")
            ok = wait(lambda s: "search all:" in s, timeout)
            tmux("send-keys", "-t", "b", "-l", word)
            ok = ok and wait(lambda s: ("search all: " + word) in s, timeout)
            t0 = time.monotonic()
            tmux("send-keys", "-t", "b", "Enter")
            ok = ok and wait(lambda s: counted.search(s) is not None, timeout)
            t1 = time.monotonic()
        tmux("kill-server", check=False)
        if not ok:
            print("firsthit\t\ttimeout")
            shutil.rmtree(d, ignore_errors=True)
            return
        times.append(t1 - t0)
    shutil.rmtree(d, ignore_errors=True)
    times = sorted(times[1:])  # the first run warms up
    print("firsthit\t%.3f\tok" % times[(len(times) - 1) // 2])


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "make":
        docs = int(sys.argv[4]) if len(sys.argv) > 4 else 10000
        mb = int(sys.argv[5]) if len(sys.argv) > 5 else 1024
        make(sys.argv[2], sys.argv[3], docs, mb)
    elif len(sys.argv) == 7 and sys.argv[1] == "firsthit":
        firsthit(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), float(sys.argv[6]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
