"""The demo council: the Tongjiang County CPPCC "come to discuss things" council of 22 Nov 2019.

A complete, realistic plan (README, "A whole meeting, step by step") in English and in Chinese,
so a secretary can try every screen before preparing a meeting of their own.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

from roomtui.domain.council import Council
from roomtui.domain.model import IssueSource, Meeting, Role
from roomtui.domain.templates import COUNCIL, template_title

DEMO_ID = {"en": "demo-tongjiang-2019", "zh": "demo-tongjiang-2019-zh"}

_HOUSING = ("County Housing and Urban-Rural Construction Bureau", "县住房和城乡建设局")
_PLANNING = ("County Natural Resources and Planning Bureau", "县自然资源和规划局")
_POLICE = ("County Public Security Bureau", "县公安局")
_NUOJIANG = ("Nuojiang Town Government", "诺江镇人民政府")

# (English, Chinese) pairs; phone numbers are private and must never leave the room.
_PARTICIPANTS = [
    (("Li Ming", "李明"), Role.SECRETARY, ("CPPCC General Office", "县政协办公室"), "139 0000 0101"),
    (("Chen Guoqiang", "陈国强"), Role.CHAIR, ("County CPPCC", "县政协"), "139 0000 0102"),
    (("Wang Dehua", "王德华"), Role.LEADER, ("Deputy County Chief", "副县长"), "139 0000 0103"),
    (("Zhao Shuqin", "赵淑琴"), Role.LEADER, ("CPPCC Vice Chairman", "县政协副主席"), "139 0000 0104"),
    (("Zhang Xiaojun", "张晓军"), Role.MEMBER, ("CPPCC member, Dongcheng", "县政协委员（东城）"), "139 0000 0201"),
    (("Fu Xiude", "付秀德"), Role.MEMBER, ("CPPCC member, Xicheng", "县政协委员（西城）"), "139 0000 0202"),
    (("Liu Yan", "刘燕"), Role.MEMBER, ("CPPCC member, education sector", "县政协委员（教育界）"), "139 0000 0203"),
    (("He Jianping", "何建平"), Role.MEMBER, ("CPPCC member, business sector", "县政协委员（工商界）"), "139 0000 0204"),
    (("Wu Chaolin", "吴朝林"), Role.RESIDENT, ("Chunchangping community", "春场坪社区"), "138 0000 0301"),
    (("Tang Lihua", "唐丽华"), Role.RESIDENT, ("Shiniuzui community", "石牛嘴社区"), "138 0000 0302"),
    (("Luo Wenbin", "罗文斌"), Role.RESIDENT, ("Dongcheng community", "东城社区"), "138 0000 0303"),
    (("Xie Guifang", "谢桂芳"), Role.RESIDENT, ("Xicheng community", "西城社区"), "138 0000 0304"),
    (("Yang Zhiyuan", "杨志远"), Role.DEPARTMENT, _HOUSING, "137 0000 0401"),
    (("Deng Hai", "邓海"), Role.DEPARTMENT, _PLANNING, "137 0000 0402"),
    (("Sun Wei", "孙伟"), Role.DEPARTMENT, _POLICE, "137 0000 0403"),
    (("Zhou Min", "周敏"), Role.OBSERVER, ("Tongjiang County Media Centre", "通江县融媒体中心"), "136 0000 0501"),
]

_ISSUES = [
    (("No farmers' market in Shiniuzui", "石牛嘴社区没有农贸市场"),
     ("Shiniuzui community has no farmers' market; residents struggle to buy vegetables.",
      "石牛嘴社区没有农贸市场，居民买菜难。"),
     ("public facilities", "公共设施"), ("Shiniuzui community", "石牛嘴社区"),
     ("Investigation group 1", "第一调研组"), _PLANNING,
     ("Plan and build a farmers' market.", "规划建设农贸市场。")),
    (("Owners' committees missing in Dongcheng", "东城社区大部分小区未成立业委会"),
     ("Dongcheng community: 5,784 households, 21,653 residents, 23 property compounds, only 7 community "
      "cadres and 8 resident groups; most compounds have no owners' committee.",
      "东城社区有5784户、21653人，23个物业小区，仅有7名社区干部和8个居民小组；大部分小区没有业主委员会。"),
     ("community management", "社区管理"), ("Dongcheng community", "东城社区"),
     ("Investigation group 2", "第二调研组"), _HOUSING,
     ("Set up owners' committees compound by compound.", "逐个小区成立业主委员会。")),
    (("No activity square in Chunchangping", "春场坪社区缺少活动广场"),
     ("Residents of Chunchangping have nowhere to gather, dance or exercise.",
      "春场坪社区居民没有集会、跳舞、锻炼的场地。"),
     ("public facilities", "公共设施"), ("Chunchangping community", "春场坪社区"),
     ("Investigation group 3", "第三调研组"), _PLANNING,
     ("Reserve land for an activity square.", "预留用地建设活动广场。")),
    (("Cars block the fire lane of an old compound", "老旧小区消防通道被车辆堵塞"),
     ("Private cars park in the fire lane of the Xicheng grain-bureau compound every night.",
      "西城粮站小区消防通道每晚被私家车占用。"),
     ("fire safety", "消防安全"), ("Xicheng community", "西城社区"),
     ("Investigation group 4", "第四调研组"), _POLICE,
     ("Mark the lane and enforce it.", "施划标线并依法执法。")),
    (("Disorderly parking on Dongcheng streets", "东城街道乱停乱放"),
     ("Cars and e-bikes parked on pavements force pedestrians into the road.",
      "汽车和电动车占用人行道，行人被迫走机动车道。"),
     ("parking", "停车秩序"), ("Dongcheng community", "东城社区"),
     ("Investigation group 5", "第五调研组"), _POLICE,
     ("Add parking spaces and regulate pavement parking.", "增设停车位，规范人行道停车。")),
    (("E-bikes charged indoors", "电动车入户充电"),
     ("E-bikes are charged in stairwells and flats on dangling extension cords.",
      "电动车在楼道和室内用拖线板充电，存在火灾隐患。"),
     ("fire safety", "消防安全"), ("Shiniuzui community", "石牛嘴社区"),
     ("Investigation group 6", "第六调研组"), _HOUSING,
     ("Build charging sheds in every compound.", "在各小区建设集中充电棚。")),
    (("No property company in the supply-cooperative compound", "供销社小区无物业管理"),
     ("Rubbish piles up and the gates are broken; nobody manages the compound.",
      "垃圾堆积，大门损坏，小区无人管理。"),
     ("property management", "物业管理"), ("Xicheng community", "西城社区"),
     ("Investigation group 7", "第七调研组"), _HOUSING,
     ("Pilot a resident-run property co-op.", "试点居民自治物业。")),
    (("Leaking roofs in a 1970s dormitory compound", "上世纪七十年代宿舍小区房屋漏雨"),
     ("Roofs leak and water pipes are corroded in the old county-hospital dormitory compound.",
      "原县医院宿舍小区屋面漏雨、水管锈蚀。"),
     ("housing safety", "房屋安全"), ("Dongcheng community", "东城社区"),
     ("Investigation group 8", "第八调研组"), _HOUSING,
     ("Include the compound in the renovation programme.", "纳入老旧小区改造计划。")),
    (("Old compound floods when it rains", "老旧小区雨天内涝"),
     ("The courtyard of the Nanjie compound floods after every heavy rain.",
      "南街小区每逢大雨院坝积水。"),
     ("public facilities", "公共设施"), ("Chunchangping community", "春场坪社区"),
     ("Investigation group 9", "第九调研组"), _HOUSING,
     ("Clear the drains and rebuild the pipes.", "疏通排水并改造管网。")),
    (("Street lights out along the riverside path", "滨河步道路灯损坏"),
     ("Half of the lights along the Nuojiang riverside path have been dark for months.",
      "诺江滨河步道一半路灯数月不亮。"),
     ("public facilities", "公共设施"), ("Xicheng community", "西城社区"),
     ("Investigation group 10", "第十调研组"), _NUOJIANG,
     ("Repair the lights and assign maintenance.", "修复路灯并明确管护责任。")),
]

_TEXT = {
    "title": ("Tongjiang County CPPCC consultation council", "通江县政协“有事来协商”协商议事会"),
    "theme": ("Improving the service management level of the county's residential communities",
              "提升全县城市社区服务管理水平"),
    "series": ("Tongjiang County CPPCC \"come to discuss things\" councils", "通江县政协“有事来协商”"),
    "venue": ("Conference room, 4th floor, Nuojiang Town Government", "诺江镇人民政府四楼会议室"),
    "background": (
        "Before the meeting, 10 investigation groups visited the Shiniuzui, Dongcheng, Xicheng and "
        "Chunchangping communities, talked with residents face to face and wrote a research report "
        "listing the problems below with suggestions.",
        "会前，10个调研组深入石牛嘴、东城、西城、春场坪等社区，与居民面对面交流，形成调研报告，"
        "梳理出以下问题并提出建议。"),
    "next_theme": ("New rural-gentry culture and grass-roots social governance", "新乡贤文化与基层社会治理"),
}


def build_demo(language: str = "en", meeting_id: str | None = None) -> Meeting:
    """The Tongjiang council as prepared the evening before: a draft, nothing recorded yet."""
    pick = 1 if language == "zh" else 0
    meeting = Meeting(id=meeting_id or DEMO_ID.get(language, DEMO_ID["en"]), title=_TEXT["title"][pick],
                      language="zh" if pick else "en", created_at=datetime(2019, 11, 21, 17, 0))
    council = Council(meeting)
    council.set_details(
        theme=_TEXT["theme"][pick], series=_TEXT["series"][pick], date=date(2019, 11, 22), start_time=time(9, 0),
        venue=_TEXT["venue"][pick], host=_PARTICIPANTS[1][0][pick], recorder=_PARTICIPANTS[0][0][pick],
        planned_minutes=COUNCIL.planned_minutes, background=_TEXT["background"][pick],
        next_theme=_TEXT["next_theme"][pick],
    )
    meeting.limits = replace(COUNCIL.limits)
    for title, kind, minutes in COUNCIL.agenda:
        council.add_agenda_item(template_title(title, meeting.language), kind, minutes)
    for names, role, affiliation, phone in _PARTICIPANTS:
        council.add_participant(names[pick], role, affiliation=affiliation[pick], contact=phone)
    for title, description, category, location, proposer, department, suggestion in _ISSUES:
        council.add_issue(title[pick], IssueSource.REPORT, description=description[pick], category=category[pick],
                          location=location[pick], proposer=proposer[pick], expected_department=department[pick],
                          suggestion=suggestion[pick])
    return meeting


def play_demo(meeting: Meeting, clock) -> Meeting:
    """Run the demo council from opening to closing, as recorded on the day.

    Used by the tests, the golden minutes and the benchmark: speeches with a point of order,
    a pause and an overtime, and responses of all three dispositions, one with two commitments.
    """
    from roomtui.domain.model import Disposition, SpeakerKind

    zh = meeting.language == "zh"
    council = Council(meeting, clock)
    person = {p.name: p.id for p in meeting.participants}
    names = [n[1 if zh else 0] for n, *_rest in _PARTICIPANTS]
    chair, deputy, vice, zhang, fu, liu, wu, tang, luo, yang, deng, sun = (
        person[names[i]] for i in (1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 13, 14))
    t = (lambda en, cn: cn) if zh else (lambda en, cn: en)
    issue = {i: meeting.issues[i - 1].id for i in range(1, len(meeting.issues) + 1)}
    absent = person[names[15]]
    council.set_present(absent, False)

    def speak(order, seconds, pause=0):
        entry = order.next(clock.now())
        if pause:
            clock.advance(seconds // 2)
            order.pause(clock.now())
            clock.advance(pause)
            order.resume(clock.now())
            clock.advance(seconds - seconds // 2)
        else:
            clock.advance(seconds)
        return entry

    council.start_meeting()  # opening
    order = council.speaking_order()
    order.add(chair, SpeakerKind.BOOKED, clock.now())
    speak(order, 240)
    council.next_item()  # briefing
    order = council.speaking_order()
    order.add(chair, SpeakerKind.BOOKED, clock.now())
    speak(order, 12 * 60)
    council.next_item()  # speeches
    order = council.speaking_order()
    order.add(zhang, SpeakerKind.BOOKED, clock.now())
    order.add(wu, SpeakerKind.IMPROMPTU, clock.now())
    order.add(liu, SpeakerKind.BOOKED, clock.now())
    order.add(tang, SpeakerKind.IMPROMPTU, clock.now())
    zhang_turn = speak(order, 7 * 60 + 30)  # Zhang, booked
    council.set_speaker_summary(zhang_turn.id, t(
        "Most compounds in Dongcheng have no owners' committee; community cadres are overstretched.",
        "东城社区大部分小区没有业委会，社区干部力量不足。"))
    order.stop(clock.now())  # Zhang has finished: Fu's point of order comes between two speakers
    order.add(fu, SpeakerKind.POINT_OF_ORDER, clock.now())
    speak(order, 45)  # Fu's point of order jumps the queue
    speak(order, 8 * 60, pause=90)  # Liu, paused while the microphone was fixed
    wu_turn = speak(order, 3 * 60 + 40)  # Wu, resident, 40 s over
    council.set_speaker_summary(wu_turn.id, t("Chunchangping needs an activity square for its residents.",
                                              "春场坪社区居民需要一个活动广场。"))
    council.raise_issue(issue[3], raised_by=wu)
    speak(order, 2 * 60 + 50)  # Tang
    council.raise_issue(title=t("Rubbish sorting bins missing", "垃圾分类设施缺失"), raised_by=tang,
                        location=t("Shiniuzui community", "石牛嘴社区"), category=t("environment", "环境卫生"),
                        expected_department=_HOUSING[1 if zh else 0])
    council.next_item()  # department answers
    order = council.speaking_order()
    for number in (4, 6, 8, 9):
        council.raise_issue(issue[number])
    answers = [
        (4, _POLICE, sun, Disposition.RESOLVE_NOW, dict(
            text=t("The lane will be marked and enforced together with the fire brigade.", "联合消防大队施划标线并依法执法。"),
            action=t("Mark the fire lane and tow offending cars", "施划消防通道标线，拖移违停车辆"),
            lead_unit=t("County traffic police brigade", "县交警大队"), deadline=date(2019, 12, 7)),
         [dict(lead_unit=t("County traffic police brigade", "县交警大队"), co_units=t("County fire brigade", "县消防救援大队"),
               deliverable=t("Fire lane marked and kept clear", "消防通道标线施划并保持畅通"), deadline=date(2019, 12, 7))]),
        (6, _HOUSING, yang, Disposition.STEP_BY_STEP, dict(
            text=t("We will survey every compound and build charging sheds in batches.", "全面摸排小区，分批建设充电棚。"),
            plan=t("Survey compounds with the sub-district, then build sheds in batches", "会同街道摸排小区，分批建设充电棚"),
            milestones=t("Survey by 2019-12-31; first batch of 10 sheds by 2020-06-30", "2019年底前完成摸排；2020年6月底前建成首批10个"),
            target_date=date(2020, 12, 31)),
         [dict(lead_unit=_HOUSING[1 if zh else 0], co_units=t("Nuojiang sub-district", "诺江街道"),
               deliverable=t("Charging sheds in all surveyed compounds", "已摸排小区全部建成充电棚"), deadline=date(2020, 12, 31))]),
        (8, _HOUSING, yang, Disposition.HIGHER_LEVEL, dict(
            text=t("Full renovation needs provincial funds; we will apply and repair the roofs meanwhile.", "全面改造需省级资金，先申报并临时修缮屋面。"),
            reason=t("The renovation costs exceed the county budget", "改造资金超出县级财力"),
            body_asked=t("Provincial Department of Housing", "省住房和城乡建设厅"),
            next_step=t("Apply for next year's old-compound renovation list", "申报明年老旧小区改造计划"),
            interim_measure=t("Temporary roof repair within 30 days", "30日内临时修缮屋面")),
         [dict(lead_unit=_HOUSING[1 if zh else 0], deliverable=t("Temporary roof repair", "屋面临时修缮"),
               deadline=date(2019, 12, 22))]),
        (9, _HOUSING, yang, Disposition.RESOLVE_NOW, dict(
            text=t("Drains cleared within 7 days; the pipe rebuild will be studied and budgeted.", "7日内疏通排水；管网改造纳入研究和预算。"),
            action=t("Clear the drains", "疏通排水管道"), lead_unit=t("County municipal utilities office", "县市政公用事业服务中心"),
            deadline=date(2019, 11, 29)),
         [dict(lead_unit=t("County municipal utilities office", "县市政公用事业服务中心"),
               deliverable=t("Drains cleared", "排水管道疏通"), deadline=date(2019, 11, 29)),
          dict(lead_unit=_HOUSING[1 if zh else 0], co_units=t("County finance bureau", "县财政局"),
               deliverable=t("Pipe rebuild studied and budgeted", "管网改造方案及预算"), deadline=date(2020, 6, 30))]),
        (3, _PLANNING, deng, Disposition.STEP_BY_STEP, dict(
            text=t("Land will be reserved in the detailed plan for an activity square.", "在控规中预留活动广场用地。"),
            plan=t("Reserve land in the Chunchangping detailed plan", "在春场坪片区控规中预留用地"),
            milestones=t("Site chosen by 2020-03; design by 2020-09", "2020年3月前选址；9月前完成设计"),
            target_date=date(2021, 6, 30)),
         [dict(lead_unit=_PLANNING[1 if zh else 0], deliverable=t("Site reserved and square designed", "选址并完成设计"),
               deadline=date(2020, 9, 30))]),
    ]
    floor_issue = meeting.issues[-1].id  # the rubbish bins, raised by Tang
    answers.append((None, _HOUSING, yang, Disposition.RESOLVE_NOW, dict(
        text=t("Sorting bins will be placed in Shiniuzui this month.", "本月内在石牛嘴社区配置分类垃圾桶。"),
        action=t("Place sorting bins at every compound gate", "在各小区门口配置分类垃圾桶"),
        lead_unit=t("County sanitation office", "县环境卫生管理所"), deadline=date(2019, 12, 15)), []))
    for number, department, answerer, disposition, fields, commitments in answers:
        issue[number] = issue.get(number, floor_issue)
        entry = next((s for s in order.waiting if s.issue_id == issue[number]), None)
        if entry is not None:
            order.start(entry.id, clock.now())
        else:
            order.add(answerer, SpeakerKind.ANSWER, clock.now(), issue_id=issue[number])
            order.next(clock.now())
        clock.advance(110)
        response = council.record_response(issue[number], department[1 if zh else 0], disposition,
                                           commitments=commitments, responder=meeting.participant(answerer).name,
                                           **fields)
        council.confirm_response(response.id)
        clock.advance(10)
    order.stop(clock.now())
    council.next_item()  # follow-up questions
    order = council.speaking_order()
    order.add(luo, SpeakerKind.IMPROMPTU, clock.now())
    speak(order, 2 * 60)
    council.next_item()  # leader's summary
    order = council.speaking_order()
    order.add(deputy, SpeakerKind.BOOKED, clock.now())
    speak(order, 9 * 60)
    council.set_details(leader_summary=t(
        "Departments must honour every commitment made today and report back at the next council.",
        "各部门要兑现今天的每一项承诺，并在下次协商会上报告落实情况。"))
    council.next_item()  # closing
    order = council.speaking_order()
    order.add(vice, SpeakerKind.BOOKED, clock.now())
    speak(order, 4 * 60)
    council.set_details(closing_remarks=t(
        "The next council will discuss new rural-gentry culture and grass-roots social governance.",
        "下一次协商会将围绕新乡贤文化与基层社会治理展开。"), review_date=date(2020, 3, 20))
    council.set_agreed_items([t("Commitments are followed up by the CPPCC office monthly", "县政协办公室每月跟踪承诺落实"),
                              t("Results reported at the next council", "落实情况在下次协商会上通报")])
    council.close_meeting()
    return meeting
