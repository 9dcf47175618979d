// Demo accounts: the staff of the default unit (created by the administrator) and residents
// (registered through the public route, as residents do). Tokens are fetched on first use, so a
// second run signs in only the accounts it needs: login is limited to 10 per minute per IP.
export const DEMO_PASSWORD = 'Demo#2026';

export const STAFF = {
  organizer: { email: 'organizer@demo.gov.cn', displayName: '承办人 周敏', roles: ['organizer'] },
  reviewer: { email: 'reviewer@demo.gov.cn', displayName: '审核人 李强', roles: ['reviewer'] },
  clerk: { email: 'clerk@demo.gov.cn', displayName: '记录人 陈静', roles: ['clerk'] },
};

/** The demo resident first; then residents in the order they sign in (and take part). */
export const RESIDENTS = [
  { email: 'resident@demo.cn', displayName: '王小明', about: '家住老城区幸福里小区，养了一只金毛，每天开车上班' },
  { email: 'liu.fang@demo.cn', displayName: '刘芳', about: '小区业委会成员，负责停车和环境卫生' },
  { email: 'zhang.wei@demo.cn', displayName: '张伟', about: '在人民路经营一家宠物店，也是沿街商户' },
  { email: 'chen.jing@demo.cn', displayName: '陈晶', about: '小学生家长，每天步行接送孩子' },
  { email: 'li.guohua@demo.cn', displayName: '李国华', about: '退休职工，每天在公园晨练' },
  { email: 'yang.lei@demo.cn', displayName: '杨磊', about: '网约车司机，每天在市区跑车十个小时' },
  { email: 'zhao.min@demo.cn', displayName: '赵敏', about: '在市中心医院工作的护士，经常上夜班' },
  { email: 'huang.tao@demo.cn', displayName: '黄涛', about: '经营一个社会停车场，有一百二十个车位' },
  { email: 'zhou.lan@demo.cn', displayName: '周兰', about: '残疾人家属，家里有一辆残疾人专用车' },
  { email: 'wu.jun@demo.cn', displayName: '吴军', about: '新能源汽车车主，住在新建小区' },
  { email: 'xu.li@demo.cn', displayName: '徐丽', about: '中学教师，学校门口每天接送拥堵' },
  { email: 'sun.hao@demo.cn', displayName: '孙浩', about: '外卖骑手，经常在商圈临时停车' },
  { email: 'ma.yun@demo.cn', displayName: '马云霞', about: '老旧小区居民，小区没有一个停车位' },
  { email: 'hu.bin@demo.cn', displayName: '胡斌', about: '律师，关注停车收费和个人信息保护' },
  { email: 'guo.qiang@demo.cn', displayName: '郭强', about: '物业公司项目经理，管理三个小区' },
  { email: 'lin.xue@demo.cn', displayName: '林雪', about: '大学生，家里有一辆车，周末帮家里开车' },
];

/**
 * Creates what is missing and returns every person with a lazy `token()`. Staff are created by
 * the administrator; residents register themselves and accept the privacy notice. Registration
 * runs in the background, in order (10 per minute per IP): a resident's `token()` waits for it.
 */
export async function ensureAccounts(api, admin) {
  const adminToken = await api.login(admin.email, admin.password);
  if (!adminToken) throw new Error(`cannot sign in as the administrator ${admin.email}`);
  const existing = new Map(((await api.must('GET', '/admin/users', { token: adminToken })).items ?? []).map((u) => [u.email, u]));

  const staff = {};
  for (const [key, who] of Object.entries(STAFF)) {
    const id = existing.get(who.email)?.id ?? (await api.must('POST', '/admin/users', { token: adminToken, body: { ...who, password: DEMO_PASSWORD } })).id;
    staff[key] = { ...who, id, token: once(() => api.mustLogin(who.email, DEMO_PASSWORD)) };
  }
  let registering = Promise.resolve();
  const residents = RESIDENTS.map((who) => {
    const known = existing.get(who.email)?.id;
    const person = { ...who, id: known };
    if (!known) {
      const body = { email: who.email, password: DEMO_PASSWORD, displayName: who.displayName, acceptPrivacy: true };
      registering = registering.then(async () => void (person.id = (await api.must('POST', '/auth/register', { body })).id));
    }
    const registered = registering;
    person.token = once(async () => (await registered, api.mustLogin(who.email, DEMO_PASSWORD)));
    return person;
  });
  registering.catch(() => undefined); // a failure surfaces through the token() that awaits it
  return { admin: { ...admin, token: async () => adminToken }, ...staff, resident: residents[0], residents };
}

/** A function that runs `fn` once and returns the same promise ever after. */
export function once(fn) {
  let p;
  return () => (p ??= fn());
}
