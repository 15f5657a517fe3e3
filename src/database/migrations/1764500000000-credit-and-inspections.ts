import { MigrationInterface, QueryRunner } from 'typeorm';

const table = `ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`;

/** The materials each kind of credit repair needs (data, not code): the completeness check compares against it. */
const requiredMaterials: Array<[string, string, string, number]> = [
  ['penalty-general', 'applicationForm', '信用修复申请书', 1],
  ['penalty-general', 'identityProof', '营业执照或身份证明复印件', 2],
  ['penalty-general', 'penaltyFulfilled', '已履行行政处罚决定的证明（罚没款缴纳凭证）', 3],
  ['penalty-general', 'creditCommitment', '信用承诺书', 4],
  ['penalty-serious', 'applicationForm', '信用修复申请书', 1],
  ['penalty-serious', 'identityProof', '营业执照或身份证明复印件', 2],
  ['penalty-serious', 'penaltyFulfilled', '已履行行政处罚决定的证明（罚没款缴纳凭证）', 3],
  ['penalty-serious', 'rectificationReport', '违法行为整改完成情况报告', 4],
  ['penalty-serious', 'creditCommitment', '信用承诺书', 5],
  ['penalty-serious', 'trainingCertificate', '信用修复专题培训证明', 6],
];

/** Xintang's seven scenarios (一个场景一张清单): the departments that inspect together and their checklist. */
const scenarios: Array<{ code: string; name: string; rectifyDays: number; departments: string[]; items: Array<[string, string]> }> = [
  {
    code: 'catering', name: '餐饮类', rectifyDays: 7, departments: ['综合行政执法队', '市场监管所', '消防救援站', '生态环境分局'],
    items: [['综合行政执法队', '店外经营、油烟直排'], ['市场监管所', '食品经营许可证、从业人员健康证'], ['消防救援站', '燃气管道与灭火器配置'], ['生态环境分局', '油烟净化设施运行记录']],
  },
  {
    code: 'down-factory', name: '羽绒企业', rectifyDays: 15, departments: ['综合行政执法队', '应急管理所', '消防救援站', '生态环境分局'],
    items: [['应急管理所', '粉尘防爆与安全生产台账'], ['消防救援站', '生产区与住宿区分隔（三合一）'], ['生态环境分局', '洗毛废水排放'], ['综合行政执法队', '违章搭建与堆场占道']],
  },
  {
    code: 'market', name: '专业市场', rectifyDays: 10, departments: ['综合行政执法队', '市场监管所', '消防救援站'],
    items: [['市场监管所', '经营主体亮照与商品标识'], ['消防救援站', '疏散通道与电动车充电'], ['综合行政执法队', '出店经营与垃圾分类']],
  },
  {
    code: 'construction-site', name: '施工工地', rectifyDays: 5, departments: ['综合行政执法队', '住建监管站', '生态环境分局'],
    items: [['综合行政执法队', '出入口冲洗与渣土运输'], ['住建监管站', '文明施工与安全防护'], ['生态环境分局', '扬尘控制与夜间施工噪声']],
  },
  {
    code: 'entertainment', name: '娱乐场所', rectifyDays: 7, departments: ['综合行政执法队', '文化市场执法中队', '消防救援站', '公安派出所'],
    items: [['文化市场执法中队', '娱乐经营许可与曲库'], ['消防救援站', '安全出口与应急照明'], ['公安派出所', '治安管理登记'], ['综合行政执法队', '噪声扰民与户外广告']],
  },
  {
    code: 'rental-housing', name: '租赁房屋', rectifyDays: 10, departments: ['综合行政执法队', '公安派出所', '消防救援站'],
    items: [['公安派出所', '流动人口登记与租赁备案'], ['消防救援站', '电动车入户充电与逃生通道'], ['综合行政执法队', '违法搭建与群租']],
  },
  {
    code: 'car-care', name: '4S汽车洗护店', rectifyDays: 7, departments: ['综合行政执法队', '生态环境分局', '市场监管所'],
    items: [['生态环境分局', '洗车废水沉淀与排放'], ['市场监管所', '维修价格公示与配件来源'], ['综合行政执法队', '占道洗车与出店经营']],
  },
];

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** Credit repair (信用修复) and joint inspection with integrated rectification (综合查一次、集成改一次). */
export class CreditAndInspections1764500000000 implements MigrationInterface {
  name = 'CreditAndInspections1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE credit_repair_required_material (
      repair_type varchar(32) NOT NULL,
      code varchar(64) NOT NULL,
      name varchar(200) NOT NULL,
      sort_order int NOT NULL,
      PRIMARY KEY (repair_type, code)
    ) ${table}`);
    await db.query(
      `INSERT INTO credit_repair_required_material (repair_type, code, name, sort_order) VALUES ${requiredMaterials.map(([t, c, n, s]) => `(${quote(t)}, ${quote(c)}, ${quote(n)}, ${s})`).join(', ')}`,
    );

    await db.query(`CREATE TABLE credit_repair_application (
      id char(36) NOT NULL PRIMARY KEY,
      business_key varchar(64) NOT NULL,
      district_id varchar(64) NOT NULL,
      case_number varchar(40) NULL,
      repair_type varchar(32) NOT NULL,
      title varchar(200) NOT NULL,
      applicant_name varchar(200) NOT NULL,
      applicant_code varchar(64) NOT NULL,
      applicant_phone varchar(32) NULL,
      credit_record_ref varchar(100) NOT NULL,
      reason text NOT NULL,
      materials_provided json NOT NULL,
      missing_materials json NOT NULL,
      notice_count int NOT NULL DEFAULT 0,
      resubmit_due_at datetime(3) NULL,
      status varchar(16) NOT NULL,
      decision_reason text NULL,
      decided_at datetime(3) NULL,
      published_at datetime(3) NULL,
      process_instance_id varchar(64) NULL,
      created_by varchar(100) NOT NULL,
      created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      closed_at datetime(3) NULL,
      UNIQUE KEY uq_credit_repair_business_key (business_key),
      UNIQUE KEY uq_credit_repair_case_number (case_number),
      KEY ix_credit_repair_district_created (district_id, created_at),
      CONSTRAINT fk_credit_repair_district FOREIGN KEY (district_id) REFERENCES district (id)
    ) ${table}`);

    await db.query(`CREATE TABLE inspection_scenario (
      code varchar(32) NOT NULL PRIMARY KEY,
      name varchar(100) NOT NULL,
      departments json NOT NULL,
      rectify_days int NOT NULL
    ) ${table}`);
    await db.query(`CREATE TABLE inspection_checklist_item (
      id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
      scenario_code varchar(32) NOT NULL,
      department varchar(100) NOT NULL,
      content varchar(500) NOT NULL,
      sort_order int NOT NULL,
      CONSTRAINT fk_checklist_scenario FOREIGN KEY (scenario_code) REFERENCES inspection_scenario (code)
    ) ${table}`);
    for (const s of scenarios) {
      await db.query(`INSERT INTO inspection_scenario (code, name, departments, rectify_days) VALUES (?, ?, ?, ?)`, [s.code, s.name, JSON.stringify(s.departments), s.rectifyDays]);
      for (const [i, [department, content]] of s.items.entries()) {
        await db.query(`INSERT INTO inspection_checklist_item (scenario_code, department, content, sort_order) VALUES (?, ?, ?, ?)`, [s.code, department, content, i + 1]);
      }
    }

    await db.query(`CREATE TABLE inspection (
      id char(36) NOT NULL PRIMARY KEY,
      business_key varchar(64) NOT NULL,
      district_id varchar(64) NOT NULL,
      case_number varchar(40) NULL,
      scenario_code varchar(32) NOT NULL,
      title varchar(200) NOT NULL,
      party_name varchar(200) NOT NULL,
      address varchar(500) NOT NULL,
      intake_id char(36) NULL,
      departments json NOT NULL,
      status varchar(16) NOT NULL,
      outcome varchar(16) NULL,
      rectification_round int NOT NULL DEFAULT 0,
      rectify_due_at datetime(3) NULL,
      process_instance_id varchar(64) NULL,
      created_by varchar(100) NOT NULL,
      created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      closed_at datetime(3) NULL,
      UNIQUE KEY uq_inspection_business_key (business_key),
      UNIQUE KEY uq_inspection_case_number (case_number),
      UNIQUE KEY uq_inspection_intake (intake_id),
      KEY ix_inspection_district_created (district_id, created_at),
      CONSTRAINT fk_inspection_district FOREIGN KEY (district_id) REFERENCES district (id),
      CONSTRAINT fk_inspection_scenario FOREIGN KEY (scenario_code) REFERENCES inspection_scenario (code)
    ) ${table}`);

    await db.query(`CREATE TABLE inspection_problem (
      id char(36) NOT NULL PRIMARY KEY,
      inspection_id char(36) NOT NULL,
      district_id varchar(64) NOT NULL,
      round int NOT NULL,
      department varchar(100) NOT NULL,
      description varchar(1000) NOT NULL,
      status varchar(16) NOT NULL,
      duplicate_of char(36) NULL,
      reported_at datetime(3) NOT NULL,
      fixed_at datetime(3) NULL,
      KEY ix_inspection_problem_inspection (inspection_id, round),
      CONSTRAINT fk_inspection_problem_inspection FOREIGN KEY (inspection_id) REFERENCES inspection (id)
    ) ${table}`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const name of ['inspection_problem', 'inspection', 'inspection_checklist_item', 'inspection_scenario', 'credit_repair_application', 'credit_repair_required_material']) {
      await db.query(`DROP TABLE ${name}`);
    }
  }
}
