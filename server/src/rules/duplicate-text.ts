import { isHan, NUMERAL_CHARS } from '../core/cjk';
import { msg } from '../l10n';
import type { Finding, Rule } from './types';
import { wordView } from './joined';

/**
 * Single characters whose reduplication is ordinary Chinese even where the dictionary lacks the AA form:
 * "every" (年年, 家家, 处处), measure words (条条, 件件), monosyllabic verbs (说说, 想想, 试试) and
 * adjectives/adverbs (好好, 慢慢, 早早).
 */
const REDUP_ALWAYS = new Set([
  ...'人家户年月日天夜时刻处事样种个件条只座位次回遍层步声句字点滴片排行列队村乡代辈世团堆张封本页篇首棵朵颗粒块根份批项门道招桩趟阵场轮波口', // every / measure
]);
/** verbs and adjectives: reduplicated as such (说说, 好好), but one that ends a word before it (思想|想) is a copy */
const REDUP_VERB = new Set([
  ...'看说想听走试问谈聊学练写读查找等摸尝闻坐玩算比量逛转跑跳洗擦扫唱笑哭挑选改修拍捏揉敲搓翻瞧瞅动讲评议理整帮抱亲吹歇抖晃摇拉推拖扯捶捧数', // verbs
  ...'好慢快早高远长大小多少轻重深浅满白红绿蓝黑亮暖热静悄淡甜香乖真细稳美清紧牢常刚渐偏恰仅稍屡频略微默匆纷浩滔茫冷暗苦酸胖瘦矮松软硬圆弯尖方平直', // adjectives, adverbs
]);
const REDUP_SOUND = new Set([
  ...'哈呵嘻嘿嗯啊哦喔咚叮当哗嗡嘀滴沙隆轰呼汪喵咕', // sounds
  ...'爸妈哥姐弟妹爷奶叔婶姑舅姥宝娃', // kinship and pet names
]);

/** Function characters that are never doubled in correct text (except in dictionary words: 的的确确, 了了). */
const FUNCTION = new Set([...'的了是在和与及对把被从向为以将而但并也都就又还其之所该这那着过给让于由']);

/** Two-character verbs and adjectives whose ABAB reduplication is correct: 研究研究, 商量商量, 雪白雪白. */
const ABAB = new Set(
  (
    '研究 讨论 商量 学习 休息 考虑 活动 锻炼 打扫 收拾 整理 检查 了解 认识 介绍 交流 沟通 琢磨 思考 体验 尝试 练习 准备 放松 比较 ' +
    '调查 分析 总结 反思 教育 帮助 表扬 批评 关心 照顾 安慰 鼓励 打听 打扮 热闹 高兴 快活 凉快 暖和 舒服 轻松 溜达 合计 掂量 比划 ' +
    '清醒 雪白 通红 冰凉 笔直 碧绿 漆黑 火热 滚烫 冰冷 湛蓝 乌黑 雪亮 崭新 考察 调研 议论 请教 指点 指导 清理 整顿 梳理 提醒 ' +
    '谢谢 欢迎 加油 再见 好的 是的 对的 行的 走吧 来吧 感受 分享 体会 品味 琢磨 折腾 搞搞 聊聊 对不起 努力 坚持 注意 小心 修理 运动 散步 参观 看看 说说 意思 表示 联系 沟通 探讨 切磋 交代 报告 汇报 ' +
    '审查 核实 补充 修改 完善 落实 推敲 斟酌 观察 观摩 学学 想想 练练 活络 宽松 亲热 暖暖 清爽 爽快 痛快 明白 糊涂'
  ).split(/\s+/),
);

const NUMERALS = new Set([...NUMERAL_CHARS, ...'千万亿']);

/**
 * duplicate-text: a character or word doubled by OCR (`损耗损耗`, `首席执行官官`). The dictionary
 * separates this from correct reduplication: a doubled form that is itself a word (常常, 看看, 一一) or lies
 * inside one (清清楚楚, 实实在在), two words that meet on the same character (人民民主, 周年年会, 十五五),
 * ABAB verbs (研究研究) and the "every"/measure/verb/adjective reduplications stay quiet. A doubled single
 * character is flagged only with evidence: one copy belongs to the word beside it and the other belongs to
 * nothing. The fix deletes the copy and says so; it is never applied by fix-all.
 */
export const rule: Rule = {
  id: 'duplicate-text',
  title: msg('重复字词', 'Doubled character or word'),
  description: msg(
    'OCR 把一个字或词重复识别了一次（如“损耗损耗”“首席执行官官”）。正常的叠词（常常、研究研究、清清楚楚、人民民主）不提示。',
    'OCR read a character or word twice (`损耗损耗`, `首席执行官官`). Correct reduplication (常常, 研究研究, 清清楚楚, 人民民主) is left alone.',
  ),
  defaultSeverity: 'warning',
  fixAllSafe: false,
  prepare: ({ model, lexicon }) => void wordView(model, lexicon),
  check(ctx) {
    const { model, lexicon } = ctx;
    // words are judged on the text with hard wraps undone (工作作⏎⏎风 is 工作作风); both copies must be adjacent in the original
    const view = wordView(model, lexicon);
    if (!view) return [];
    const { text, at, n, han, isWord, isWordAt } = view;
    const out: Finding[] = [];
    /** a dictionary word of 3–6 characters that covers [s, e) */
    const covered = (s: number, e: number): boolean => {
      for (let a = s; a >= Math.max(0, e - 6) && han(a); a--) {
        for (let b = e; b <= Math.min(n, a + 6) && han(b - 1); b++) {
          if (b - a >= 3 && b - a > e - s - 1 && isWordAt(a, b)) return true;
        }
      }
      return false;
    };
    /** the character at i makes a word with the ones before it (…执行官) */
    const bondsLeft = (i: number): boolean => {
      for (let a = i - 1; a >= Math.max(0, i - 4) && han(a); a--) if (isWordAt(a, i + 1)) return true;
      return false;
    };
    /** the character at i makes a word with the ones after it (官员…) */
    const bondsRight = (i: number): boolean => {
      for (let b = i + 2; b <= Math.min(n, i + 5) && han(b - 1); b++) if (isWordAt(i, b)) return true;
      return false;
    };
    // after a repeat is found the scan resumes past it: candidates before that are skipped
    let after = 0;
    for (const i of view.repeatAt) {
      if (i < after) continue;
      let hit: { L: number; del: number } | undefined;
      for (let L = 1; L <= 6 && !hit; L++) {
        if (!han(i + 2 * L - 1)) break;
        let same = true;
        for (let k = 0; k < L && same; k++) same = text.charCodeAt(i + k) === text.charCodeAt(i + L + k) && han(i + k);
        if (!same) continue;
        if (at[i + 2 * L - 1] - at[i] !== 2 * L - 1) break;
        const w = text.slice(i, i + L);
        const ww = text.slice(i, i + 2 * L);
        if (covered(i, i + 2 * L)) break;
        // a doubled form that is a word (想想) is still a copy where the first ends a word and the clause ends: 思想|想，
        if (isWord(ww) && !(L === 1 && bondsLeft(i) && !han(i + 2))) break;
        if (L === 1) {
          const c = w;
          if (NUMERALS.has(c) || REDUP_ALWAYS.has(c) || REDUP_SOUND.has(c)) break;
          // AABB (清清楚楚) and its second half; ABB (绿油油); measure-word reduplication after a numeral (一座座)
          if (text[i + 2] && text[i + 2] === text[i + 3] && isWord(c + text[i + 2])) break;
          if (i >= 2 && text[i - 2] === text[i - 1] && isWord(text[i - 1] + c)) break;
          if (i >= 1 && (NUMERALS.has(text[i - 1]) || isWord(text[i - 1] + ww))) break;
          if (isWord(ww + (text[i + 2] ?? ''))) break;
          const l = bondsLeft(i);
          const r = bondsRight(i + 1);
          if (FUNCTION.has(c)) {
            if (!l) hit = { L, del: i + 1 }; // 我们的的目标 (but 目的|的 is a word and a particle)
          } else if (l && !r && !isWord(c + (text[i + 2] ?? '')) && (!REDUP_VERB.has(c) || !han(i + 2))) {
            hit = { L, del: i + 1 }; // 执行官|官 沙…: the second copy belongs to nothing
          } else if (r && !l && !REDUP_VERB.has(c) && !bondsLeft(i + 1) && i >= 1 && han(i - 1) && !isWord(text[i - 1] + c)) {
            hit = { L, del: i }; // …们 要|要求: the first copy belongs to nothing
          }
          break;
        }
        // a doubled word: ABAB reduplication, laughter (哈哈哈哈) and the two copies belonging to longer words stay quiet
        if (ABAB.has(w) || (L === 2 && w[0] === w[1]) || NUMERALS.has(w[0])) break; // 研究研究, 哈哈哈哈, 一步一步
        if (L === 2 && !isWord(w)) break;
        if (extendsRight(text, i + L, L, isWord) && extendsLeft(text, i + L, L, isWord)) break;
        hit = { L, del: i + L };
      }
      if (!hit) continue;
      const { L, del } = hit;
      const w = text.slice(i, i + L);
      out.push({
        ruleId: 'duplicate-text',
        start: at[i],
        end: at[i] + 2 * L,
        message: msg(`“${w}”重复了一次，疑为 OCR 重复识别`, `“${w}” appears twice in a row, probably read twice by OCR`),
        fix: { title: msg(`删除重复的“${w}”`, `Delete the repeated “${w}”`), edits: [{ start: at[del], end: at[del] + L, newText: '' }], safe: false },
      });
      after = i + 2 * L;
    }
    return out;
  },
};

/** The second copy starts a longer word (发展|发展中国家): two different words meet. */
function extendsRight(text: string, at: number, L: number, isWord: (w: string) => boolean): boolean {
  for (let e = at + L + 1; e <= Math.min(text.length, at + L + 4); e++) if (isHan(text.charCodeAt(e - 1)) && isWord(text.slice(at, e))) return true;
  return false;
}

/** The first copy ends a longer word (经济|经济): two different words meet. */
function extendsLeft(text: string, at: number, L: number, isWord: (w: string) => boolean): boolean {
  const s = at - L;
  for (let b = s - 1; b >= Math.max(0, s - 3); b--) {
    if (!isHan(text.charCodeAt(b))) break;
    if (isWord(text.slice(b, at))) return true;
  }
  return false;
}
