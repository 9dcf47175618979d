// Distinctive personal data for privacy tests: every value is unusual enough that finding it in a
// public response is a leak, never a coincidence. Compound surnames keep a masked name (司马**)
// apart from the full one.
import { randomBytes } from 'node:crypto';

export const tag = () => randomBytes(3).toString('hex');

/** The personal data of one seeded participant: every value is distinctive, so an exact match is a leak. */
export interface SeededPerson {
  displayName: string;
  email: string;
  phone: string;
  idNumber: string;
  address: string;
  /** An email written inside the comment text (not the account's). */
  textEmail: string;
}

/** Three residents with an account. */
export function seededPersons(): SeededPerson[] {
  const t = tag();
  return [
    {
      displayName: '司马青衫',
      email: `sima.qingshan.${t}@example.com`,
      phone: '13812345678',
      idNumber: '110105199003071234',
      address: '北京市朝阳区建国路88号3号楼501室',
      textEmail: `sima.private.${t}@example.net`,
    },
    {
      displayName: '诸葛卧龙',
      email: `zhuge.wolong.${t}@example.com`,
      phone: '15987654321',
      idNumber: '310104198512120027',
      address: '上海市徐汇区漕溪北路595号2栋1202室',
      textEmail: `zhuge.private.${t}@example.net`,
    },
    {
      displayName: 'Zebediah Quux',
      email: `zebediah.quux.${t}@example.com`,
      phone: '13900001111',
      idNumber: '44030419920229001X',
      address: '广东省深圳市福田区深南大道6008号',
      textEmail: `zeb.private.${t}@example.net`,
    },
  ];
}

/** The offline author (a letter): known to the unit only. */
export function offlineAuthor(): SeededPerson {
  const t = tag();
  return {
    displayName: '欧阳明月',
    email: `ouyang.mingyue.${t}@example.org`,
    phone: '020-87654321',
    idNumber: '440106197707070713',
    address: '广州市天河区天河路385号1座3201室',
    textEmail: `ouyang.private.${t}@example.org`,
  };
}

/** The text of a comment that carries the author's phone, ID number, email and home address. */
export const personalComment = (p: SeededPerson) =>
  `建议夜间停车免费。如需核实请联系我：手机${p.phone}，身份证${p.idNumber}，邮箱${p.textEmail}，住址${p.address}。`;

/** A letter writer with a postal address and a phone but no email: notices reach them by letter. */
export function letterOnlyAuthor(): SeededPerson {
  return {
    displayName: '上官婉清',
    email: '',
    phone: '0571-88776655',
    idNumber: '330106198808080028',
    address: '杭州市西湖区文三路90号5幢302室',
    textEmail: `shangguan.${tag()}@example.com`,
  };
}
