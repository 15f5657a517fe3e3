import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The intake-dispatch flow: what triage decided, which squad got it and by when, duplicates, 1315 clocks,
 * escalations to county departments, and the grids, squads and departments of the five demo districts.
 * Column and table names are read by the metrics; keep them.
 */
export class IntakeFlows1764200000000 implements MigrationInterface {
  name = 'IntakeFlows1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE squad (
      id varchar(64) NOT NULL PRIMARY KEY,
      district_id varchar(64) NOT NULL,
      name varchar(100) NOT NULL,
      leader_name varchar(100) NOT NULL,
      KEY ix_squad_district (district_id),
      CONSTRAINT fk_squad_district FOREIGN KEY (district_id) REFERENCES district (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    // A grid no squad covers yet (squad_id NULL) is real: a newly drawn cell waits for the command centre to assign it.
    await db.query(`CREATE TABLE grid (
      id varchar(64) NOT NULL PRIMARY KEY,
      district_id varchar(64) NOT NULL,
      name varchar(100) NOT NULL,
      address_keyword varchar(100) NOT NULL,
      latitude double NOT NULL,
      longitude double NOT NULL,
      radius_m int NOT NULL,
      liaison_station varchar(100) NULL,
      squad_id varchar(64) NULL,
      KEY ix_grid_district (district_id),
      CONSTRAINT fk_grid_district FOREIGN KEY (district_id) REFERENCES district (id),
      CONSTRAINT fk_grid_squad FOREIGN KEY (squad_id) REFERENCES squad (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await db.query(`CREATE TABLE department (
      id varchar(64) NOT NULL PRIMARY KEY,
      district_id varchar(64) NOT NULL,
      name varchar(100) NOT NULL,
      categories json NOT NULL,
      is_default tinyint(1) NOT NULL DEFAULT 0,
      KEY ix_department_district (district_id),
      CONSTRAINT fk_department_district FOREIGN KEY (district_id) REFERENCES district (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await db.query(`ALTER TABLE intake
      ADD COLUMN grid_id varchar(64) NULL,
      ADD COLUMN triage_level varchar(16) NULL,
      ADD COLUMN handling_mode varchar(16) NULL,
      ADD COLUMN squad_id varchar(64) NULL,
      ADD COLUMN dispatched_at datetime(3) NULL,
      ADD COLUMN due_at datetime(3) NULL,
      ADD COLUMN overdue_at datetime(3) NULL,
      ADD COLUMN urgent tinyint(1) NOT NULL DEFAULT 0,
      ADD COLUMN duplicate_of char(36) NULL,
      ADD KEY ix_intake_dedupe (district_id, category, status, created_at),
      ADD CONSTRAINT fk_intake_squad FOREIGN KEY (squad_id) REFERENCES squad (id),
      ADD CONSTRAINT fk_intake_grid FOREIGN KEY (grid_id) REFERENCES grid (id),
      ADD CONSTRAINT fk_intake_duplicate_of FOREIGN KEY (duplicate_of) REFERENCES intake (id)`);

    await db.query(`CREATE TABLE rapid_response_clock (
      id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
      district_id varchar(64) NOT NULL,
      intake_id char(36) NOT NULL,
      clock varchar(16) NOT NULL,
      due_at datetime(3) NOT NULL,
      met_at datetime(3) NULL,
      missed_at datetime(3) NULL,
      UNIQUE KEY uq_rapid_response_clock (intake_id, clock),
      KEY ix_rapid_response_clock_district (district_id, due_at),
      CONSTRAINT fk_rapid_response_clock_intake FOREIGN KEY (intake_id) REFERENCES intake (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await db.query(`CREATE TABLE intake_escalation (
      id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
      district_id varchar(64) NOT NULL,
      intake_id char(36) NOT NULL,
      department_id varchar(64) NOT NULL,
      escalated_at datetime(3) NOT NULL,
      due_at datetime(3) NOT NULL,
      returned_at datetime(3) NULL,
      return_reason varchar(2000) NULL,
      resolved_at datetime(3) NULL,
      KEY ix_intake_escalation_intake (intake_id),
      CONSTRAINT fk_intake_escalation_intake FOREIGN KEY (intake_id) REFERENCES intake (id),
      CONSTRAINT fk_intake_escalation_department FOREIGN KEY (department_id) REFERENCES department (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await db.query(`INSERT INTO squad (id, district_id, name, leader_name) VALUES
      ('js-luoxing', 'jiashan', '罗星执法中队', '沈建国'),
      ('js-weitang', 'jiashan', '魏塘执法中队', '顾晓明'),
      ('js-xitang', 'jiashan', '西塘执法中队', '陆海峰'),
      ('xt-1', 'xiaoshan-xintang', '新塘街道执法一中队', '来国强'),
      ('xt-2', 'xiaoshan-xintang', '新塘街道执法二中队', '韩志刚'),
      ('xt-3', 'xiaoshan-xintang', '新塘街道执法三中队', '俞伟'),
      ('wc-chengbei', 'wucheng', '城北执法中队', '方卫东'),
      ('wc-chengzhong', 'wucheng', '城中执法中队', '楼建华'),
      ('wc-xinshi', 'wucheng', '新狮执法中队', '倪志勇'),
      ('wx-zhili', 'wuxing', '织里执法中队', '沈国良'),
      ('wx-daixi', 'wuxing', '埭溪执法中队', '钱永明'),
      ('la-changhua', 'linan', '昌化执法中队', '何建平'),
      ('la-qingshanhu', 'linan', '青山湖执法中队', '章立新')`);

    await db.query(`INSERT INTO grid (id, district_id, name, address_keyword, latitude, longitude, radius_m, liaison_station, squad_id) VALUES
      ('js-luoxing-tingqiao', 'jiashan', '罗星街道亭桥社区网格', '罗星街道', 30.8415, 120.9262, 2500, '亭桥社区综合行政执法工作联动站', 'js-luoxing'),
      ('js-weitang-jiayuan', 'jiashan', '魏塘街道嘉园社区网格', '魏塘街道', 30.8305, 120.9050, 2000, '嘉园社区综合行政执法工作联动站', 'js-weitang'),
      ('js-xitang-guzhen', 'jiashan', '西塘镇古镇景区网格', '西塘镇', 30.9445, 120.8877, 2500, '西塘古镇综合行政执法工作联动站', 'js-xitang'),
      ('js-yaozhuang-taoyuan', 'jiashan', '姚庄镇桃源新邨网格', '姚庄镇', 30.9165, 120.9620, 2000, '桃源新邨综合行政执法工作联动站', NULL),
      ('xt-shangyecheng', 'xiaoshan-xintang', '新塘街道商业城网格', '商业城', 30.2135, 120.3030, 800, NULL, 'xt-1'),
      ('xt-yurongcheng', 'xiaoshan-xintang', '新塘街道羽绒城网格', '羽绒城', 30.2050, 120.3200, 1000, NULL, 'xt-2'),
      ('xt-xiajiang', 'xiaoshan-xintang', '新塘街道霞江村网格', '霞江村', 30.1980, 120.2950, 1000, NULL, 'xt-3'),
      ('wc-chengbei', 'wucheng', '城北街道网格', '城北街道', 29.1150, 119.6420, 2500, NULL, 'wc-chengbei'),
      ('wc-chengzhong', 'wucheng', '城中街道网格', '城中街道', 29.0830, 119.6470, 2000, NULL, 'wc-chengzhong'),
      ('wc-xinshi', 'wucheng', '新狮街道网格', '新狮街道', 29.0550, 119.6160, 2500, NULL, 'wc-xinshi'),
      ('wx-zhili', 'wuxing', '织里镇网格', '织里镇', 30.8390, 120.2640, 4000, NULL, 'wx-zhili'),
      ('wx-daixi', 'wuxing', '埭溪镇网格', '埭溪镇', 30.6510, 119.9940, 4000, NULL, 'wx-daixi'),
      ('la-changhua', 'linan', '昌化镇网格', '昌化镇', 30.1620, 119.2280, 4000, NULL, 'la-changhua'),
      ('la-qingshanhu', 'linan', '青山湖街道网格', '青山湖街道', 30.2610, 119.8190, 4000, NULL, 'la-qingshanhu')`);

    const departments: Array<[string, string, string[], boolean]> = [
      ['zhujian', '住房和城乡建设局', ['违法建设', '建筑工地', '渣土运输'], true],
      ['shengtai', '生态环境分局', ['餐饮油烟', '大气污染', '污水排放'], false],
      ['shichang', '市场监督管理局', ['无证经营', '食品安全'], false],
      ['ziranziyuan', '自然资源和规划局', ['非法占地', '自然保护地'], false],
    ];
    const prefix: Record<string, string> = { jiashan: '嘉善县', 'xiaoshan-xintang': '萧山区', wucheng: '婺城区', wuxing: '吴兴区', linan: '临安区' };
    for (const [districtId, place] of Object.entries(prefix)) {
      for (const [id, name, categories, isDefault] of departments) {
        await db.query(`INSERT INTO department (id, district_id, name, categories, is_default) VALUES (?, ?, ?, ?, ?)`, [
          `${districtId}-${id}`,
          districtId,
          `${place}${name}`,
          JSON.stringify(categories),
          isDefault ? 1 : 0,
        ]);
      }
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE intake_escalation`);
    await db.query(`DROP TABLE rapid_response_clock`);
    await db.query(`ALTER TABLE intake
      DROP FOREIGN KEY fk_intake_squad, DROP FOREIGN KEY fk_intake_grid, DROP FOREIGN KEY fk_intake_duplicate_of,
      DROP KEY ix_intake_dedupe,
      DROP COLUMN grid_id, DROP COLUMN triage_level, DROP COLUMN handling_mode, DROP COLUMN squad_id, DROP COLUMN dispatched_at,
      DROP COLUMN due_at, DROP COLUMN overdue_at, DROP COLUMN urgent, DROP COLUMN duplicate_of`);
    for (const table of ['department', 'grid', 'squad']) await db.query(`DROP TABLE ${table}`);
  }
}
