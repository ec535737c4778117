from django.core.management.base import BaseCommand

from xxgk.demo.loader import DATA, load_demo


class Command(BaseCommand):
    help = "载入两所种子学校的演示数据（可重复运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--accounts", action="store_true", help="只列出演示账号")

    def handle(self, *args, accounts=False, **options):
        if accounts:
            self._print_accounts()
            return
        loaded = load_demo()
        self.stdout.write(f"演示数据已就绪：{len(DATA['institutions'])} 所学校，{len(loaded)} 个演示账号。")

    def _print_accounts(self):
        from xxgk.demo.loader import load_demo  # noqa: F401  (accounts are created by load_demo)
        from xxgk.org.models import Membership

        self.stdout.write("演示账号（密码均为 %s）：" % DATA["password"])
        rows = Membership.objects.filter(user__username__endswith=tuple(["-drafter", "-drafter2", "-checker", "-secrecy", "-signer", "-office", "-supervisor"])).select_related("user", "department", "institution").order_by("user__username")
        for m in rows:
            where = m.department or m.institution or "全部学校"
            self.stdout.write(f"  {m.user.username:<22} {m.get_role_display():<8} {where}")
        self.stdout.write("登录：http://127.0.0.1:8000/accounts/login/  工作台：/staff/  门户：/")
