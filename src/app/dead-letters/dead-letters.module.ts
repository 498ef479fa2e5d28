import { Module } from '@nestjs/common';
import { DeadLetterDirectory } from './dead-letter-directory';
import { DeadLettersController } from './dead-letters.controller';

/** The admin API over every module's dead letters, served by every process. */
@Module({ controllers: [DeadLettersController], providers: [DeadLetterDirectory], exports: [DeadLetterDirectory] })
export class DeadLettersModule {}
