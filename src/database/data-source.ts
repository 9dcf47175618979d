import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/env';
import { typeormOptions } from './typeorm-options';

// The TypeORM CLI needs a file exporting exactly one DataSource (run it on the built dist/).
export default new DataSource({
  ...typeormOptions(loadConfig().DATABASE_URL),
  entities: [__dirname + '/../**/*.entity.js'],
});
