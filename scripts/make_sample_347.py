#!/usr/bin/env python3
"""Builds the bundled sample `sample-data/cum-347-2025/` (a `thidua.cluster/2` cluster).

    python3 scripts/make_sample_347.py [OUT_FOLDER]
    python3 scripts/independent_tally.py sample-data/cum-347-2025 \
        > sample-data/cum-347-2025/expected-tally.json

The tree's shape (three parts of 700, 200 and 100 points, fifteen areas, sub-areas,
numbered criteria with lettered parts, the four kinds of criteria, criteria not
assigned to a unit) follows the public scoring table of the Quảng Trị provincial
police, emulation cluster 347 (commune police), 2025. Criterion names are shortened
or written for the sample; every target, actual and score is invented. The
delegates' scores come from a seeded pseudo-random generator (SEED below), the
chair's facts (targets, actuals, counts) from the tables in this file, so the
output is the same on every run.

Python 3 standard library only.
"""

import hashlib
import json
import math
import random
import sys
from fractions import Fraction
from pathlib import Path

SEED = 347
OUT = Path(__file__).resolve().parent.parent / "sample-data" / "cum-347-2025"

MEMBERS = [
    # id, name, short, role
    ("cam-hong", "Công an xã Cam Hồng", "Cam Hồng", None),
    ("le-thuy", "Công an xã Lệ Thủy", "Lệ Thủy", "head"),
    ("tan-my", "Công an xã Tân Mỹ", "Tân Mỹ", None),
    ("truong-phu", "Công an xã Trường Phú", "Trường Phú", None),
    ("sen-ngu", "Công an xã Sen Ngư", "Sen Ngư", None),
    ("kim-ngan", "Công an xã Kim Ngân", "Kim Ngân", None),
    ("vinh-linh", "Công an xã Vĩnh Linh", "Vĩnh Linh", "deputy"),
    ("gio-linh", "Công an xã Gio Linh", "Gio Linh", None),
]
IDS = [m[0] for m in MEMBERS]


def col(*values):
    """Per-member figures in MEMBERS order; None = not assigned (left out)."""
    assert len(values) == len(IDS)
    return {m: v for m, v in zip(IDS, values) if v is not None}


# ------------------------------------------------------------------ the tree
# Leaves are written with the helpers below; the criteria are numbered in
# tree order (1, 2, ...), the parts of a numbered criterion get letters (5a, 5b).


def P(name, mx, step=0.5, guide=None, **kw):
    return dict(kind="points", name=name, max=mx, step=step, guide=guide, **kw)


def PF(name, mx, guide=None, **kw):
    return dict(kind="pass_fail", name=name, max=mx, guide=guide, **kw)


def OCC(name, rate, mx, guide=None, counts=None, **kw):
    return dict(kind="per_occurrence", name=name, rate=rate, max=mx, guide=guide, counts=counts, **kw)


def PM(name, bonus_rate, penalty_rate, mx, max_bonus=None, mn=None, guide=None, **kw):
    return dict(kind="plus_minus", name=name, bonus_rate=bonus_rate, penalty_rate=penalty_rate,
                max=mx, max_bonus=max_bonus, min=mn, guide=guide, **kw)


def TGT(name, formula, mx, targets, actuals, decimals=None, guide=None, **kw):
    return dict(kind="target", name=name, formula=formula, max=mx, targets=targets,
                actuals=actuals, decimals=decimals, guide=guide, **kw)


def H(ident, name, points, entries, cap=None):
    """A heading with its own id; `points` is what the table prints beside it."""
    return dict(heading=True, id=ident, name=name, points=points, entries=entries, cap=cap)


def C(name, points, entries, cap=None):
    """A numbered criterion made of lettered parts."""
    return dict(heading=True, id=None, name=name, points=points, entries=entries, cap=cap)


REL_GUIDE = ("Dưới chỉ tiêu: ½ số điểm × thực hiện/chỉ tiêu; đạt chỉ tiêu: ½ số điểm; vượt chỉ tiêu: "
             "đơn vị có tỷ lệ vượt cao nhất cụm được tối đa, các đơn vị khác tính theo tỷ lệ với đơn vị "
             "dẫn đầu. Đơn vị không đăng ký chỉ tiêu: so với đơn vị có kết quả cao nhất trong số đó.")
RATIO_GUIDE = "Số điểm × thực hiện/chỉ tiêu, tối đa bằng số điểm của tiêu chí."

TREE = [
    H("I", "NHIỆM VỤ CÔNG TÁC CHUYÊN MÔN", 700, [
        H("I.1", "Công tác bảo vệ an ninh quốc gia", 200, [
            P("Nắm chắc tình hình, chủ động phát hiện, ngăn chặn từ sớm, từ xa các hoạt động xâm phạm "
              "an ninh quốc gia trên địa bàn", 50, step=1),
            PF("Không để xảy ra hoạt động khủng bố, phá hoại, bạo loạn, biểu tình trái pháp luật trên địa bàn", 20),
            PF("Không để phát sinh “điểm nóng”, tụ tập đông người, khiếu kiện phức tạp kéo dài", 20),
            P("Bảo vệ an ninh tôn giáo, dân tộc, an ninh nông thôn; vận động quần chúng nhân dân", 30),
            C("Công tác quản lý người nước ngoài, người Việt Nam định cư ở nước ngoài về địa phương", 20, [
                P("Nắm, quản lý người nước ngoài tạm trú, hoạt động trên địa bàn", 10),
                P("Quản lý người Việt Nam định cư ở nước ngoài về thăm thân, đầu tư trên địa bàn", 10),
            ]),
            OCC("Phát hiện, cung cấp thông tin có giá trị phục vụ công tác bảo vệ an ninh quốc gia (tin)", 5, 20,
                guide="5 điểm cho mỗi tin được đơn vị nghiệp vụ đánh giá có giá trị, tối đa 20 điểm."),
            P("Đấu tranh, phản bác thông tin xấu, độc trên không gian mạng; bảo vệ an ninh mạng tại cơ sở", 20),
            P("Bảo vệ tuyệt đối an toàn các sự kiện chính trị, văn hóa, xã hội và các ngày lễ lớn trên địa bàn", 20),
        ]),
        H("I.2", "Công tác đấu tranh phòng, chống tội phạm", 200, [
            H("I.2.a", "Công tác điều tra, xử lý tội phạm", 70, cap=70, entries=[
                TGT("Điều tra, khám phá các vụ án hình sự xảy ra trên địa bàn (vụ)", "relative_to_best", 20,
                    # two members tied for the best ratio (26/20 = 13/10 = 1,3)
                    targets=col(12, 20, 8, 10, 15, 6, 18, 10),
                    actuals=col(15, 26, 8, 9, 19, 5, 21, 13), guide=REL_GUIDE),
                TGT("Bắt, vận động đầu thú, thanh loại đối tượng truy nã (đối tượng)", "relative_to_best", 10,
                    # Tân Mỹ and Kim Ngân registered no target
                    targets=col(3, 4, 0, 2, 3, 0, 5, 2),
                    actuals=col(3, 6, 1, 1, 4, 2, 7, 2), guide=REL_GUIDE),
                P("Tiếp nhận, phân loại, giải quyết tố giác, tin báo về tội phạm và kiến nghị khởi tố đúng thời hạn", 15),
                PF("Không để xảy ra oan, sai, bỏ lọt tội phạm", 10),
                PM("Thu thập, củng cố hồ sơ ban đầu các vụ việc", 1, 1, 10,
                   guide="Cộng 1 điểm cho mỗi hồ sơ được đơn vị điều tra đánh giá tốt, trừ 1 điểm cho mỗi hồ sơ "
                         "bị trả lại để bổ sung; tối thiểu 0, tối đa 10 điểm."),
                OCC("Phát hiện, khởi tố, điều tra tội phạm sử dụng công nghệ cao (vụ)", 2.5, 10,
                    guide="2,5 điểm cho mỗi vụ, tối đa 10 điểm."),
            ]),
            H("I.2.b", "Công tác đấu tranh phòng, chống tội phạm về trật tự xã hội", 50, [
                TGT("Điều tra làm rõ các vụ phạm pháp hình sự về trật tự xã hội (vụ)", "ratio", 20,
                    # Sen Ngư registered no target
                    targets=col(10, 14, 6, 8, 0, 5, 12, 9),
                    actuals=col(9, 15, 6, 7, 5, 4, 12, 10), guide=RATIO_GUIDE),
                P("Triệt phá băng, nhóm tội phạm; đấu tranh với tội phạm “tín dụng đen”, cờ bạc, số đề", 15),
                PF("Không để tội phạm nghiêm trọng xảy ra kéo dài, gây bức xúc trong nhân dân", 15),
            ]),
            H("I.2.c", "Công tác đấu tranh phòng, chống tội phạm về kinh tế, buôn lậu, môi trường", 30, [
                C("Phòng, chống buôn lậu, gian lận thương mại, hàng giả", 15, [
                    TGT("Giá trị hàng lậu, hàng giả, hàng cấm thu giữ (triệu đồng)", "relative_to_best", 5,
                        targets=col(120, 200, 90, 80, 150, None, 100, 110),
                        actuals=col(150, 200, 120.6, 55.25, 180, None, 140, 82.5),
                        not_assigned=["kim-ngan"], guide=REL_GUIDE),
                    P("Phát hiện, xử lý vi phạm pháp luật về an toàn thực phẩm", 5),
                    P("Phối hợp kiểm tra, kiểm soát thị trường, cơ sở kinh doanh", 5),
                ]),
                C("Phòng, chống tội phạm và vi phạm pháp luật về môi trường", 10, [
                    P("Phát hiện, xử lý khai thác cát, sỏi, khoáng sản trái phép", 5, not_assigned=["sen-ngu"]),
                    OCC("Phát hiện, xử lý vi phạm về bảo vệ rừng, động vật hoang dã (vụ)", 1, 5,
                        guide="1 điểm cho mỗi vụ, tối đa 5 điểm."),
                ]),
                PF("Không để phát sinh “điểm nóng” về môi trường trên địa bàn", 5),
            ]),
            H("I.2.d", "Công tác đấu tranh phòng, chống tội phạm và vi phạm pháp luật về ma túy", 50, [
                TGT("Phát hiện, bắt giữ vụ phạm tội về ma túy (vụ)", "relative_to_best", 15,
                    targets=col(5, 8, 4, 4, 6, 3, 6, 5),
                    actuals=col(6, 10, 4, 5, 9, 2, 7, 7), guide=REL_GUIDE),
                TGT("Lập hồ sơ đề nghị áp dụng biện pháp cai nghiện bắt buộc (hồ sơ)", "ratio", 10,
                    targets=col(6, 10, 4, 5, 7, 3, 8, 6),
                    actuals=col(6, 9, 3, 5, 7, 2, 8, 5), guide=RATIO_GUIDE),
                PF("Xây dựng, giữ vững xã không ma túy; không để hình thành tụ điểm phức tạp về ma túy", 10),
                P("Quản lý người sử dụng trái phép chất ma túy, người nghiện, người sau cai nghiện", 15),
            ]),
        ]),
        H("I.3", "Công tác quản lý nhà nước về trật tự xã hội", 120, [
            H("I.3.a", "Công tác quản lý hành chính về trật tự xã hội", 40, [
                P("Đăng ký, quản lý cư trú; cập nhật, làm sạch Cơ sở dữ liệu quốc gia về dân cư", 15),
                TGT("Thu nhận hồ sơ cấp căn cước, định danh điện tử mức độ 2 (hồ sơ)", "ratio", 10,
                    targets=col(4200, 6500, 3800, 3500, 5200, 2600, 7400, 6100),
                    actuals=col(4155, 6500, 3712, 3468, 5231, 2457, 7385, 6088),
                    decimals=1, guide=RATIO_GUIDE + " Làm tròn đến 0,1 điểm."),
                C("Quản lý vũ khí, vật liệu nổ, công cụ hỗ trợ", 10, [
                    OCC("Vận động thu hồi vũ khí, vật liệu nổ, công cụ hỗ trợ (khẩu, quả, kg)", 1, 5,
                        guide="1 điểm cho mỗi khẩu, quả hoặc kg, tối đa 5 điểm."),
                    PF("Không để xảy ra tai nạn, sự cố do vũ khí, vật liệu nổ, pháo trên địa bàn", 5),
                ]),
                P("Quản lý cơ sở kinh doanh có điều kiện về an ninh, trật tự", 5),
            ]),
            H("I.3.b", "Công tác phòng cháy, chữa cháy và cứu nạn, cứu hộ", 30, [
                P("Kiểm tra an toàn phòng cháy, chữa cháy; xây dựng, huấn luyện lực lượng dân phòng", 15),
                PM("Cứu nạn, cứu hộ và phòng ngừa cháy, nổ", 2, 2.5, 15, max_bonus=15,
                   guide="Cộng 2 điểm cho mỗi vụ tham gia chữa cháy, cứu nạn, cứu hộ hiệu quả (tối đa 15), trừ "
                         "2,5 điểm cho mỗi vụ cháy gây thiệt hại do chủ quan; tối thiểu 0, tối đa 15 điểm."),
            ]),
            H("I.3.c", "Công tác bảo đảm trật tự, an toàn giao thông", 30, [
                P("Tuần tra, kiểm soát, xử lý vi phạm trật tự, an toàn giao thông", 15),
                PF("Kéo giảm tai nạn giao thông trên cả ba tiêu chí so với năm trước", 10),
                P("Giải tỏa vi phạm hành lang an toàn giao thông, lòng đường, vỉa hè", 5),
            ]),
            H("I.3.d", "Công tác thi hành án hình sự, hỗ trợ tư pháp, tái hòa nhập cộng đồng", 20, [
                P("Quản lý, giáo dục người chấp hành án treo, cải tạo không giam giữ; giúp đỡ người chấp hành "
                  "xong án phạt tù tái hòa nhập cộng đồng", 12),
                PF("Hồ sơ thi hành án hình sự tại xã đầy đủ, đúng quy định", 8),
            ]),
        ]),
        H("I.4", "Công tác nghiệp vụ cơ bản", 100, [
            H("I.4.a", "Công tác nghiệp vụ cơ bản của lực lượng An ninh", 50, [
                P("Điều tra cơ bản địa bàn, tuyến, lĩnh vực, đối tượng", 25),
                P("Lập, quản lý, khai thác hồ sơ nghiệp vụ an ninh", 15),
                PF("Sưu tra, rà soát, phân loại đối tượng đúng quy định, đúng thời hạn", 10),
            ]),
            H("I.4.b", "Công tác nghiệp vụ cơ bản của lực lượng Cảnh sát nhân dân", 50, [
                P("Quản lý đối tượng hình sự, ma túy, kinh tế trên địa bàn", 25),
                P("Quản lý địa bàn trọng điểm phức tạp về trật tự xã hội", 15),
                PF("Hồ sơ quản lý đối tượng, tàng thư nghiệp vụ cập nhật đầy đủ", 10),
            ]),
        ]),
        H("I.5", "Công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc", 40, [
            P("Xây dựng, duy trì mô hình tự quản, tự phòng, tự bảo vệ về an ninh, trật tự", 15),
            OCC("Mô hình mới, điển hình tiên tiến được Công an tỉnh công nhận (mô hình)", 5, 15,
                entered_by="chair", counts=col(2, 3, 1, 2, 4, 1, 3, 2),
                guide="5 điểm cho mỗi mô hình theo quyết định công nhận, tối đa 15 điểm; thư ký nhập một lần."),
            PF("Tổ chức “Ngày hội toàn dân bảo vệ an ninh Tổ quốc” (19/8) đúng hướng dẫn", 10),
        ]),
        H("I.6", "Công tác tham mưu, tổng hợp, đối ngoại, hợp tác, hồ sơ nghiệp vụ", 40, [
            P("Tham mưu cấp ủy, chính quyền xã lãnh đạo, chỉ đạo công tác bảo đảm an ninh, trật tự", 15),
            P("Thực hiện Đề án 06, chuyển đổi số trong công tác Công an xã", 15),
            PF("Phối hợp với Bộ đội Biên phòng bảo vệ an ninh, trật tự khu vực biên giới, biển", 10,
               not_assigned=["cam-hong", "tan-my", "truong-phu"]),
        ]),
    ]),
    H("II", "CÔNG TÁC XÂY DỰNG ĐẢNG, XÂY DỰNG LỰC LƯỢNG, HẬU CẦN, KỸ THUẬT, CẢI CÁCH HÀNH CHÍNH, TƯ PHÁP", 200, [
        H("II.1", "Công tác chính trị", 50, [
            H("II.1.a", "Công tác tuyên truyền, giáo dục", 10, [
                P("Tổ chức học tập, quán triệt nghị quyết, chỉ thị của Đảng, của Bộ Công an", 6),
                TGT("Cán bộ, chiến sĩ tham gia học tập chính trị, bồi dưỡng nghiệp vụ (người)", "ratio", 4,
                    targets=col(18, 24, 15, 16, 20, 14, 26, 22),
                    actuals=col(18, 23, 15, 16, 19, 14, 26, 21), guide=RATIO_GUIDE),
            ]),
            H("II.1.b", "Công tác thi đua, khen thưởng", 10, [
                P("Phát động, tổ chức thi đua; đề nghị khen thưởng kịp thời, đúng quy định", 10),
            ]),
            H("II.1.c", "Công tác điều lệnh, quân sự, võ thuật, văn thể", 15, cap=15, entries=[
                PF("Chấp hành điều lệnh, lễ tiết, tác phong Công an nhân dân", 5),
                P("Kết quả kiểm tra điều lệnh, quân sự, võ thuật, bắn súng", 5),
                OCC("Tham gia hoạt động văn hóa, văn nghệ, thể dục, thể thao (hoạt động)", 1, 5,
                    guide="1 điểm cho mỗi hoạt động, tối đa 5 điểm."),
                P("Rèn luyện thể lực, giữ gìn sức khỏe cán bộ, chiến sĩ", 5),
            ]),
            H("II.1.d", "Công tác đoàn thanh niên, hội phụ nữ", 5, [
                P("Hoạt động của chi đoàn, chi hội phụ nữ", 5),
            ]),
            H("II.1.e", "Chế độ thông tin, báo cáo", 10, [
                PM("Gửi báo cáo định kỳ, đột xuất", 1, 0.5, 10, max_bonus=10, mn=0,
                   guide="Cộng 1 điểm cho mỗi báo cáo tháng gửi đúng hạn (tối đa 10), trừ 0,5 điểm cho mỗi báo "
                         "cáo chậm, thiếu hoặc sai số liệu; tối thiểu 0, tối đa 10 điểm."),
            ]),
        ]),
        H("II.2", "Công tác tổ chức cán bộ", 50, [
            P("Thực hiện quy định về công tác tổ chức, cán bộ; quản lý hồ sơ cán bộ", 20),
            P("Công tác xây dựng Đảng về tổ chức và công tác đảng viên", 20),
            PF("Đánh giá, xếp loại cán bộ, đảng viên đúng quy định, đúng thời hạn", 10),
        ]),
        H("II.3", "Công tác thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo", 30, [
            PF("Không có cán bộ, chiến sĩ vi phạm kỷ luật phải xử lý", 10),
            P("Kiểm tra, giám sát; tiếp công dân, giải quyết khiếu nại, tố cáo; phòng, chống tham nhũng", 20),
        ]),
        H("II.4", "Công tác tài chính, hậu cần, kỹ thuật", 40, [
            P("Quản lý, sử dụng ngân sách, tài sản công đúng quy định", 20),
            P("Quản lý, bảo quản phương tiện, trang bị, vũ khí, công cụ hỗ trợ; trụ sở xanh, sạch, đẹp", 20),
        ]),
        H("II.5", "Công tác pháp chế, cải cách hành chính, tư pháp và nghiên cứu khoa học", 30, [
            P("Cải cách hành chính; giải quyết thủ tục hành chính, dịch vụ công trực tuyến đúng hạn", 15),
            P("Công tác pháp chế, tư pháp; sáng kiến, đề tài nghiên cứu khoa học", 15),
        ]),
    ]),
    H("III", "TỔ CHỨC PHONG TRÀO THI ĐUA", 100, [
        H("III.1", "Tổ chức phong trào thi đua", 40, [
            P("Phát động và kết quả thực hiện phong trào thi đua “Vì an ninh Tổ quốc”, các đợt thi đua cao điểm", 25),
            P("Sơ kết, tổng kết; phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến", 10),
            PF("Báo cáo công tác thi đua, khen thưởng đầy đủ, đúng hạn", 5),
        ]),
        H("III.2", "Kết quả công tác khen thưởng", 20, [
            TGT("Tập thể, cá nhân được khen thưởng từ cấp tỉnh trở lên (lượt)", "relative_to_best", 10,
                targets=col(3, 4, 2, 2, 3, 2, 3, 3),
                actuals=col(4, 5, 2, 3, 3, 2, 4, 3), guide=REL_GUIDE),
            P("Khen thưởng đột xuất, kịp thời cho tập thể, cá nhân có thành tích", 10),
        ]),
        H("III.3", "Tham gia hội thao, hội thi, hội diễn, cuộc thi do Công an tỉnh tổ chức trở lên", 15, [
            P("Tham gia đầy đủ, đạt kết quả tại hội thao, hội thi, hội diễn, cuộc thi", 15),
        ]),
        H("III.4", "Tích cực đăng cai, phối hợp thực hiện nhiệm vụ đột xuất được Công an tỉnh giao trở lên", 25, [
            OCC("Đăng cai, phối hợp tổ chức hoạt động do Công an tỉnh giao (lần)", 5, 15,
                guide="5 điểm cho mỗi lần, tối đa 15 điểm."),
            P("Hoàn thành nhiệm vụ đột xuất được giao", 10),
        ]),
    ]),
]

ADJUSTMENTS = [
    {"id": "b1", "kind": "bonus",
     "name": "Thành tích đột xuất được Bộ Công an, Ủy ban nhân dân tỉnh khen thưởng", "max": 10, "step": 0.5},
    {"id": "d1", "kind": "deduction",
     "name": "Để xảy ra vụ việc phức tạp về an ninh, trật tự do chủ quan, thiếu trách nhiệm", "max": 10,
     "step": 0.5},
]


# ------------------------------------------------------------------ numbering and JSON


def number(tree):
    """Gives every criterion its number; returns the leaves in order."""
    leaves = []
    counter = [0]

    def walk(entries, parent_letters=None):
        for i, e in enumerate(entries):
            if parent_letters is not None:
                e["id"] = parent_letters + "abcdefgh"[i]
            elif e.get("id") is None:
                counter[0] += 1
                e["id"] = str(counter[0])
            if e.get("heading"):
                numbered = e["id"][0].isdigit()
                walk(e["entries"], e["id"] if numbered else None)
            else:
                leaves.append(e)

    walk(tree)
    return leaves


def num(x):
    """An exact number as JSON: an int, or a float whose text is the decimal."""
    f = Fraction(x) if not isinstance(x, float) else Fraction(str(x))
    if f.denominator == 1:
        return int(f)
    out = float(f)
    assert Fraction(repr(out)) == f and len(repr(out).split(".")[1]) <= 2, x
    return out


def config_entry(e):
    if e.get("heading"):
        out = {"id": e["id"], "name": e["name"]}
        if e["cap"] is not None:
            out["cap"] = num(e["cap"])
        out["items"] = [config_entry(c) for c in e["entries"]]
        return out
    # Fields in the order docs/FORMAT.md and the program write them.
    out = {"id": e["id"], "name": e["name"]}
    kind = e["kind"]
    if kind != "points":
        out["kind"] = kind
    out["max"] = num(e["max"])
    if kind == "points":
        out["step"] = num(e["step"])
    if kind == "per_occurrence":
        out["rate"] = num(e["rate"])
    if kind == "plus_minus":
        out["bonus_rate"] = num(e["bonus_rate"])
        out["penalty_rate"] = num(e["penalty_rate"])
        if e["min"] is not None:
            out["min"] = num(e["min"])
        if e["max_bonus"] is not None:
            out["max_bonus"] = num(e["max_bonus"])
    if kind == "target":
        out["formula"] = e["formula"]
        out["targets"] = {m: num(t) for m, t in e["targets"].items()}
        if e["decimals"] is not None:
            out["decimals"] = e["decimals"]
    if e.get("entered_by"):
        out["entered_by"] = e["entered_by"]
    elif kind == "target":
        out["entered_by"] = "chair"
    if e.get("not_assigned"):
        out["not_assigned"] = e["not_assigned"]
    if e.get("guide"):
        out["guide"] = e["guide"]
    return out


def check_points(e, member=None):
    """The table's points for a heading (own maximum, capped), checked against `points`."""
    if not e.get("heading"):
        if member is not None and member in e.get("not_assigned", []):
            return Fraction(0)
        return Fraction(str(e["max"]))
    s = sum(check_points(c, member) for c in e["entries"])
    if e["cap"] is not None:
        s = min(s, Fraction(e["cap"]))
    if member is None and s != e["points"]:
        sys.exit(f"{e['id']}: the entries give {s}, the table says {e['points']}")
    return s


def dump(value):
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def is_chair(e):
    return e.get("entered_by") == "chair" or e["kind"] == "target"


# ------------------------------------------------------------------ the scores


# How well each unit did over the year (the share of a criterion's points it
# earns, before each delegate's own judgement): set by hand, the rest is noise.
STRENGTH = col(0.975, 0.99, 0.93, 0.94, 0.985, 0.92, 0.97, 0.955)


def generate(leaves, rng):
    """Every delegate's sheet: scores[scorer][target] = {cell: value}."""
    strength = STRENGTH
    leniency = {m: rng.uniform(-0.02, 0.02) for m in IDS}
    truth = {}  # (member, leaf id) -> what really happened
    for m in IDS:
        for e in leaves:
            if is_chair(e) or m in e.get("not_assigned", []):
                continue
            kind, mx = e["kind"], Fraction(str(e["max"]))
            if kind == "points":
                truth[m, e["id"]] = min(1.0, strength[m] + rng.gauss(0, 0.05))
            elif kind == "pass_fail":
                truth[m, e["id"]] = 1 if rng.random() > (1 - strength[m]) * 0.8 else 0
            elif kind == "per_occurrence":
                full = math.ceil(mx / Fraction(str(e["rate"])))
                truth[m, e["id"]] = rng.randint(math.ceil(full * 0.7), full + 1)
            elif kind == "plus_minus":
                full = math.ceil(mx / Fraction(str(e["bonus_rate"])))
                truth[m, e["id"]] = (rng.randint(math.ceil(full * 0.6), full + 2),
                                     rng.choice([0, 0, 0, 1, 1, 2]))
    # Adjustments: two members earned a bonus, one a deduction.
    bonus_for = rng.sample(IDS, 2)
    deduction_for = rng.choice([m for m in IDS if m not in bonus_for])

    scores = {}
    for scorer in IDS:
        rows = {}
        for target in IDS:
            if target == scorer:
                continue  # self: exclude
            cells = {}
            for e in leaves:
                if is_chair(e) or target in e.get("not_assigned", []):
                    continue
                kind, ident = e["kind"], e["id"]
                t = truth[target, ident]
                if kind == "points":
                    mx, step = Fraction(str(e["max"])), Fraction(str(e["step"]))
                    share = min(1.0, max(0.5, t + leniency[scorer] + rng.gauss(0, 0.03)))
                    steps = round(float(mx / step) * share)
                    cells[ident] = num(min(mx, step * steps))
                elif kind == "pass_fail":
                    cells[ident] = t if rng.random() < 0.97 else 1 - t
                elif kind == "per_occurrence":
                    cells[ident] = t if rng.random() < 0.85 else max(0, t + rng.choice([-1, 1]))
                elif kind == "plus_minus":
                    b, d = t
                    if rng.random() < 0.15:
                        b = max(0, b + rng.choice([-1, 1]))
                    if rng.random() < 0.1:
                        d = max(0, d + rng.choice([-1, 1]))
                    cells[ident + "+"] = b
                    cells[ident + "-"] = d
            if target in bonus_for and rng.random() < 0.8:
                cells["b1"] = num(rng.choice([Fraction(2), Fraction(5, 2), Fraction(3), Fraction(7, 2), Fraction(4)]))
            if target == deduction_for and rng.random() < 0.7:
                cells["d1"] = num(rng.choice([Fraction(1), Fraction(3, 2), Fraction(2)]))
            rows[target] = cells
        scores[scorer] = rows
    return scores


def main(argv):
    out = Path(argv[1]) if len(argv) > 1 else OUT
    rng = random.Random(SEED)
    leaves = number(TREE)
    total = sum(check_points(g) for g in TREE)
    assert total == 1000, total
    assert len(leaves) == 78, len(leaves)

    config = {
        "format": "thidua.cluster/2",
        "cluster": {
            "id": "cum-347",
            "name": "Cụm thi đua số 347",
            "organizer": "Công an tỉnh Quảng Trị",
            "year": 2025,
            "member_label": "đơn vị",
            "document_header": ["BỘ CÔNG AN", "CÔNG AN TỈNH QUẢNG TRỊ", "CỤM THI ĐUA SỐ 347"],
            "note": "Dữ liệu mẫu để minh họa cách dùng phần mềm: cấu trúc bảng điểm (3 phần, 15 lĩnh vực, "
                    "thang 1.000 điểm, bốn loại tiêu chí) theo bảng chấm điểm công khai của Cụm thi đua số 347 "
                    "Công an tỉnh Quảng Trị; tên tiêu chí được viết gọn, việc giao tiêu chí, chỉ tiêu, số liệu "
                    "và điểm số là giả định.",
        },
        "members": [
            dict({"id": i, "name": n, "short": s}, **({"role": r} if r else {}))
            for i, n, s, r in MEMBERS
        ],
        "criteria": [config_entry(g) for g in TREE],
        "adjustments": ADJUSTMENTS,
        "scoring": {
            "self": "exclude",
            "aggregate": "mean",
            "decimals": 2,
            "compare": "percent_of_own_max",
        },
        "classes": [
            {"id": "xuat-sac", "name": "Hoàn thành xuất sắc nhiệm vụ", "min": 95},
            {"id": "tot", "name": "Hoàn thành tốt nhiệm vụ", "min": 80},
            {"id": "hoan-thanh", "name": "Hoàn thành nhiệm vụ", "min": 50},
            {"id": "khong", "name": "Không hoàn thành nhiệm vụ", "min": 0},
        ],
        "commendations": [
            {
                "id": "co",
                "name": "Cờ thi đua “Vì an ninh Tổ quốc” của Bộ Công an",
                "max_count": 1,
                "min_class": "xuat-sac",
                "ballot": {"threshold": "2/3", "strict": False, "base": "present"},
            },
            {
                "id": "giay-khen",
                "name": "Giấy khen của Giám đốc Công an tỉnh Quảng Trị",
                "max_count": 3,
                "max_percent": 40,
                "min_class": "tot",
            },
        ],
        "tie_break": ["group:I", "bonus", "deductions", "ballot"],
        "meeting": {"quorum": "2/3"},
    }
    cluster_bytes = dump(config).encode("utf-8")
    digest = hashlib.sha256(cluster_bytes).hexdigest()

    facts = {m: {} for m in IDS}
    for e in leaves:
        if e["kind"] == "target":
            for m, a in e["actuals"].items():
                facts[m][e["id"]] = num(a)
            assert sorted(e["actuals"]) == sorted(e["targets"]), e["id"]
        elif e.get("entered_by") == "chair":
            for m, c in e["counts"].items():
                facts[m][e["id"]] = c
    facts_doc = {"format": "thidua.facts/1", "config_sha256": digest, "facts": facts}

    scores = generate(leaves, rng)
    out.mkdir(parents=True, exist_ok=True)
    (out / "sheets").mkdir(exist_ok=True)
    (out / "cluster.json").write_bytes(cluster_bytes)
    (out / "facts.json").write_text(dump(facts_doc), encoding="utf-8")
    for scorer in IDS:
        minute = rng.randint(0, 150)
        sheet = {
            "format": "thidua.sheet/1",
            "config_sha256": digest,
            "scorer": scorer,
            "scores": scores[scorer],
            "submitted_at": f"2025-12-18T{8 + minute // 60:02d}:{minute % 60:02d}:00+07:00",
        }
        (out / "sheets" / f"{scorer}.json").write_text(dump(sheet), encoding="utf-8")
    print(f"{out}: {len(IDS)} members, {len(leaves)} items, config_sha256 {digest}")


if __name__ == "__main__":
    main(sys.argv)
