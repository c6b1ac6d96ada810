"""Chinese interface strings, keyed by the English text passed to ``roomtui.i18n._``."""

CATALOG: dict[str, str] = {
    "secretary": "秘书",
    "chair": "主持人",
    "member": "政协委员",
    "resident representative": "居民代表",
    "department head": "部门负责人",
    "leader": "县领导",
    "observer": "列席/媒体",
    "draft": "筹备中",
    "live": "进行中",
    "closed": "已结束",
    "resolve now": "当场解决",
    "study, then resolve step by step": "研究后逐步解决",
    "needs higher-level support": "需上级支持",
}
