/* guide.h — the guide model: departments and licensing items as plain structs.
 *
 * One Guide instance holds every department and item of a guide source tree
 * or bundle. All strings and arrays of a Guide live in its arena and are
 * freed together by guide_free(); never free a field on its own.
 * Screens read these structs; only bundle.c runs SQL to fill them. */
#ifndef CORE_GUIDE_H
#define CORE_GUIDE_H

#include <stddef.h>
#include "base/arena.h"

/* Time-limit values: a count and its unit, as the law writes it. */
typedef enum {
	TL_NONE = 0,      /* not given */
	TL_IMMEDIATE,     /* 即办 */
	TL_WORKDAYS,      /* N个工作日 */
	TL_DAYS,          /* N日 (natural days) */
	TL_MONTHS,        /* N个月 */
	TL_UNSET          /* 未规定: the law sets the office no time limit */
} TimeUnit;

typedef struct TimeValue {
	TimeUnit unit;
	int n;                          /* count; 0 for TL_IMMEDIATE/TL_NONE/TL_UNSET */
} TimeValue;

typedef struct TimeLimit {
	TimeValue legal;                /* 法定时限 (required) */
	TimeValue promised;             /* 承诺时限 (optional) */
	const char *note;               /* 说明, "" if none */
} TimeLimit;

typedef struct Material {
	const char *name;               /* 名称 */
	const char *form;               /* 原件, 复印件, 电子, 原件和复印件 */
	int copies;                     /* 份数, >= 1 */
	const char *note;               /* 备注或来源, "" if none */
} Material;

typedef struct Step {
	const char *step;               /* 环节 */
	const char *who;                /* 承办人 */
	const char *time;               /* 时限 of the step, as written */
} Step;

typedef struct Item {
	const char *code;               /* 事项编码, unique */
	const char *name;               /* 事项名称 */
	const char *type;               /* 事项类型 */
	const char *target;             /* 服务对象 */
	const char *dept_code;          /* 所属部门 */
	const char *location;           /* 办理地点 */
	const char *hours;              /* 办理时间 */
	const char *phone;              /* 咨询电话 */
	int visits;                     /* 到现场次数 */
	const char *url;                /* 网上办事指南, "" if none */
	const char *synonyms;           /* 同义词, comma-separated, "" if none */
	int popularity;                 /* 热度 0-100 */
	const char *basis;              /* 【设定依据】 text */
	const char *conditions;         /* 【申请条件】 text */
	Material *materials; int n_materials;
	Step *steps; int n_steps;
	TimeLimit time_limit;           /* 【办理时限】 */
	const char *fees;               /* 【收费标准】 text */
	/* Filled by the bundle builder/reader; "" in parsed sources. Reading
	 * sets per code point, format in pinyin.h: 行业 -> "xing|hang|heng ye". */
	const char *pinyin;             /* reading sets of the name */
	const char *initials;           /* initial sets of the name: "xh y" */
	const char *synonyms_pinyin;    /* reading sets of each synonym, ','-separated */
	/* Where it came from (sources only; NULL for bundle items). */
	const char *path;
} Item;

typedef struct Dept {
	const char *code;               /* 部门编码 */
	const char *name;               /* 部门名称 */
	const char *short_name;         /* 简称 */
	const char *icon;               /* 图标, file name under assets/icons */
	const char *window;             /* 窗口 */
	const char *floor;              /* 楼层 */
	const char *phone;              /* 咨询电话 */
	const char *hours;              /* 办公时间 */
	int order;                      /* 排序 */
	Item *items; int n_items;       /* this department's items, by code */
	const char *path;               /* source path (NULL for bundles) */
} Dept;

typedef struct Guide {
	Arena arena;                    /* owns everything below */
	Dept *depts; int n_depts;       /* sorted by order, then code */
	int n_items;                    /* total over all departments */
} Guide;

void guide_free(Guide *g);          /* frees g and all it holds; NULL is fine */

/* Format a time value as citizens read it ("20个工作日", "即办", "3个月").
 * Writes at most n bytes into buf (always NUL-terminated) and returns buf. */
char *time_value_format(TimeValue v, char *buf, size_t n);
/* The legal limit in a few characters, as a sub-caption: "法定20个工作日",
 * "法定即办", or "无法定时限" for 未规定 (TL_UNSET). Returns buf. */
char *time_legal_short(TimeValue legal, char *buf, size_t n);

/* Iterate the synonyms of an item: separators are ',' '，' '、' ';' '；';
 * blanks around a synonym are dropped and empty ones skipped. Start with
 * *cursor = it->synonyms; each call stores the next synonym as
 * (*start, *len) — not NUL-terminated — and returns 1, or 0 at the end. */
int guide_synonym_next(const char **cursor, const char **start, size_t *len);

/* Find an item or department by code; NULL if absent. */
const Item *guide_find_item(const Guide *g, const char *code);
const Dept *guide_find_dept(const Guide *g, const char *code);

#endif
