from django.core.management.base import BaseCommand

from xxgk.demo.loader import DATA, demo_accounts, load_demo


class Command(BaseCommand):
    help = "载入两所种子学校的演示数据（可重复运行，已有的数据不会重复创建），并列出演示账号。"

    def add_arguments(self, parser):
        parser.add_argument("--accounts", action="store_true", help="只列出演示账号，不载入数据")

    def handle(self, *args, accounts=False, **options):
        if accounts:
            listed = demo_accounts()
        else:
            listed = load_demo()
            self.stdout.write(f"演示数据已就绪：{len(DATA['institutions'])} 所学校。")
        self.stdout.write(f"演示账号（密码均为 {DATA['password']}）：")
        for a in listed:
            self.stdout.write(f"  {a.username:<20} {a.role:<8} {a.where}")
        self.stdout.write("登录页 /accounts/login/ · 工作台 /staff/ · 公开门户 /")
