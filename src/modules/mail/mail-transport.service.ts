import { Injectable, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { AppConfig } from '../../config/env';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Deterministic per message, so that a resent copy can be recognised and dropped by the receiver. */
  messageId: string;
}

/** SMTP delivery through nodemailer; used only by the worker process. */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly transporter: Transporter;

  constructor(private readonly cfg: AppConfig) {
    // The pool options go in the transport options, beside the URL: as the second argument they
    // were message defaults, and every message opened (and closed) its own SMTP connection.
    this.transporter = nodemailer.createTransport({ url: cfg.SMTP_URL, pool: true, maxConnections: 5 } as object);
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({
      from: this.cfg.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
    });
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }
}
